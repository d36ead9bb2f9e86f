import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { repoRoot } from '../helpers/run-cli.js';

/** A copy of the quickstart example with its spec text changed. */
function quickstart(change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-load-'));
  cpSync(join(repoRoot, 'networks/quickstart'), dir, { recursive: true });
  const file = join(dir, 'network.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  return file;
}

describe('loadSpec', () => {
  it('returns the model with the very bytes it read, so a plan hashes what it loaded', () => {
    const file = quickstart((text) => text);
    const result = loadSpec(file);
    expect(result.diagnostics).toEqual([]);
    expect(Buffer.from(result.value!.bytes).equals(readFileSync(file))).toBe(true);
    expect(result.value!.model.name).toBe('quickstart');
  });

  it('returns the text of a spec that does not parse, so its diagnostics can be positioned', () => {
    const file = quickstart(() => 'name: a\nname: b\n');
    const result = loadSpec(file);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['NS_DUPLICATE_KEY']);
    expect(result.text).toBe('name: a\nname: b\n');
  });

  it('builds no model for a spec a rule refuses', () => {
    const result = loadSpec(
      quickstart((text) => text.replace('members: [alpha, beta, gamma]', 'members: [alpha, beta, delta]')),
    );
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('NS_UNKNOWN_ORG');
  });

  it('takes the bytes given instead of reading the file', () => {
    const file = quickstart((text) => text);
    const bytes = new TextEncoder().encode(readFileSync(file, 'utf8').replace('name: quickstart', 'name: other'));
    const result = loadSpec(file, { bytes });
    expect(result.value!.model.name).toBe('other');
    expect(result.value!.bytes).toBe(bytes);
  });
});
