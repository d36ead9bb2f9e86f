// `netspec graph` through the binary: mermaid (the PR comment's diagram), DOT and SVG; bad format refused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { renderMermaid } from '../../src/compiler/render/mermaid.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SPEC = 'networks/supply-chain/network.yaml';

describe('netspec graph', () => {
  it('prints the same mermaid diagram the plan embeds', async () => {
    const result = await runCliInProcess(['graph', SPEC]);
    expect(result.code).toBe(0);
    const model = loadSpec(join(repoRoot, SPEC)).value!.model;
    expect(result.stdout).toBe(`${renderMermaid(model).trimEnd()}\n`);
  });

  it('prints DOT and SVG', async () => {
    const dot = await runCliInProcess(['graph', SPEC, '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^graph "supply-chain" \{\n/);
    const svg = await runCliInProcess(['graph', SPEC, '--format', 'svg']);
    expect(svg.code).toBe(0);
    expect(svg.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.stdout.endsWith('</svg>\n')).toBe(true);
  });

  it('refuses an unknown format', async () => {
    const result = await runCliInProcess(['graph', SPEC, '--format', 'png']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("argument 'png' is invalid. Allowed choices are mermaid, dot, svg.");
  });
});
