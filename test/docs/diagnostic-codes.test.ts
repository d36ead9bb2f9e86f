import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { readCatalogue, renderDiagnosticCodes } from '../../scripts/build-diagnostic-codes.mjs';
import { DIAGNOSTIC_CODES } from '../../src/compiler/diagnostics/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const source = readFileSync(join(repoRoot, 'src/compiler/diagnostics/codes.ts'), 'utf8');
const page = readFileSync(join(repoRoot, 'docs/diagnostic-codes.md'), 'utf8');

interface Group {
  heading: string;
  codes: { code: string; meaning: string }[];
}

describe('docs/diagnostic-codes.md', () => {
  it('is what the catalogue generates (run node scripts/build-diagnostic-codes.mjs after a change to codes.ts)', () => {
    expect(page).toBe(renderDiagnosticCodes(source));
  });

  it('reads every code of the catalogue with its meaning, once, and nothing else', () => {
    const read = (readCatalogue(source) as Group[]).flatMap((group) => group.codes);
    expect(Object.fromEntries(read.map(({ code, meaning }) => [code, meaning]))).toEqual(DIAGNOSTIC_CODES);
    expect(read).toHaveLength(Object.keys(DIAGNOSTIC_CODES).length);
  });

  it('lists each code under its group, as a row a link can point at', () => {
    const groups = readCatalogue(source) as Group[];
    const governance = groups.find((group) => group.heading.startsWith('governance'));
    expect(governance?.codes.map((c) => c.code)).toContain('NS_SIGNATURE_INVALID');
    for (const code of Object.keys(DIAGNOSTIC_CODES))
      expect(page).toContain(`| <a id="${code.toLowerCase()}"></a>\`${code}\` |`);
  });

  it('changes when the catalogue changes', () => {
    const changed = source.replace("'a mapping repeats a key'", "'a mapping repeats one of its keys'");
    expect(changed).not.toBe(source);
    expect(renderDiagnosticCodes(changed)).toContain('a mapping repeats one of its keys');
  });
});
