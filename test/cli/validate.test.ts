import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

function specDir(content: string | Uint8Array): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-cli-'));
  const file = join(dir, 'network.yaml');
  writeFileSync(file, content);
  return { dir, file };
}

describe('netspec validate', () => {
  it('accepts the supply-chain example', async () => {
    const result = await runCliInProcess(['validate', 'networks/supply-chain/network.yaml']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^networks\/supply-chain\/network\.yaml: valid \(4 organizations, 2 channels, 3 chaincodes/m,
    );
    expect(result.code).toBe(0);
  });

  it('prints --help and exits 0', async () => {
    const result = await runCliInProcess(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('validate');
  });

  it('fails on an unknown option with exit 1 and no stack trace', async () => {
    const result = await runCliInProcess(['validate', '--no-such-flag', 'x.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['YAML syntax', 'name: a\nchannels: [x\n', 'NS_YAML_SYNTAX'],
    ['duplicate key', 'name: a\nname: b\n', 'NS_DUPLICATE_KEY'],
    ['tab indentation', 'organizations:\n\tacme: {}\n', 'NS_YAML_SYNTAX'],
    ['prototype key', 'organizations:\n  __proto__: {}\n', 'NS_FORBIDDEN_KEY'],
    ['empty file', '', 'NS_EMPTY_SPEC'],
  ])('rejects %s with file:line:col, exit 1, no stack trace, nothing written', async (_, content, code) => {
    const { dir, file } = specDir(content);
    const result = await runCliInProcess(['validate', file], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ error ${code} `, 'm'),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['network.yaml']);
  });

  it('rejects a binary file', async () => {
    const { file } = specDir(new Uint8Array([0, 1, 2, 3, 255]));
    const result = await runCliInProcess(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error NS_FILE_BINARY');
  });

  it('rejects a missing file', async () => {
    const result = await runCliInProcess(['validate', 'networks/none/network.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('networks/none/network.yaml:1:1 error NS_FILE_NOT_FOUND');
  });

  it('prints diagnostics as JSON with --format json', async () => {
    const { file } = specDir('name: a\nname: b\n');
    const result = await runCliInProcess(['validate', file, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({
      code: 'NS_DUPLICATE_KEY',
      severity: 'error',
      ranges: [{ file, start: { line: 2, column: 1 } }],
    });
  });
});
