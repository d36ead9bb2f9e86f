// A generated CommonJS file loads from the V8 code cache beside it only when that cache was made from the very
// same source: a changed source (even of the same length, which V8's own check would not notice), a missing or a
// damaged cache compile the file as it is. The CLI bundle's schema validator is built with a cache this Node uses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithCodeCache, writeCodeCache } from '../src/code-cache.js';
import { repoRoot } from './helpers/run-cli.js';

function moduleFile(answer: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'netspec-code-cache-')), 'generated.cjs');
  writeFileSync(file, `exports.answer = function answer() { return ${answer}; };\n`);
  return file;
}

describe('requireWithCodeCache', () => {
  it('loads the module from the cache made from its source, with the same exports', () => {
    const file = moduleFile(41);
    writeCodeCache(file, (exports) => (exports as { answer(): number }).answer());
    const loaded = requireWithCodeCache(file);
    expect(loaded.fromCache).toBe(true);
    expect((loaded.exports as { answer(): number }).answer()).toBe(41);
  });

  it('compiles a changed source of the same length afresh, never running the cache of the old one', () => {
    const file = moduleFile(41);
    writeCodeCache(file, (exports) => (exports as { answer(): number }).answer());
    writeFileSync(file, 'exports.answer = function answer() { return 42; };\n');
    const loaded = requireWithCodeCache(file);
    expect(loaded.fromCache).toBe(false);
    expect((loaded.exports as { answer(): number }).answer()).toBe(42);
  });

  it('compiles the source when the cache is missing or damaged', () => {
    const missing = moduleFile(7);
    expect(requireWithCodeCache(missing)).toMatchObject({ fromCache: false });
    const damaged = moduleFile(8);
    writeCodeCache(damaged, () => {});
    writeFileSync(`${damaged}.cache`, Buffer.from('not a cache'));
    const loaded = requireWithCodeCache(damaged);
    expect(loaded.fromCache).toBe(false);
    expect((loaded.exports as { answer(): number }).answer()).toBe(8);
  });

  it('the built CLI bundle’s schema validator loads from its cache and validates', () => {
    const loaded = requireWithCodeCache(join(repoRoot, 'dist', 'cli-bundle', 'schema-validator.cjs'));
    expect(loaded.fromCache).toBe(true);
    const validate = (loaded.exports as { default(data: unknown): boolean }).default;
    expect(validate({ apiVersion: 'netspec/v1', name: 'x', organizations: {} })).toBe(false);
  });
});
