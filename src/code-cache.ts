// A generated CommonJS file loaded with a V8 code cache kept beside it. Node 20 has no compile cache for the
// modules it loads (module.enableCompileCache is Node 22), and the schema validator is 230 KB of generated code
// that every spec command compiles afresh. Its bytecode, saved at build time after a validation has run, takes
// `netspec validate` of the supply-chain example from 97 to 90 ms of CPU (paired medians of 30 runs, the cache
// file against none). V8 refuses a cache made by another V8 or with other flags, and its own check of the source
// is only by length, so the cache names the SHA-256 of the source it was made from: a cache that does not match is
// not used, and the file compiles as it would without one.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';

const DIGEST_BYTES = 32;

export interface CachedModule {
  exports: unknown;
  /** Whether the code came from the cache (false: compiled from source, as without one). */
  fromCache: boolean;
}

/** `file`'s module.exports, compiled from `${file}.cache` when that cache was made from this very source. */
export function requireWithCodeCache(file: string): CachedModule {
  const source = readFileSync(file, 'utf8');
  const cache = readCache(`${file}.cache`, digestOf(source));
  const script = new Script(wrapped(source), { filename: file, ...(cache ? { cachedData: cache } : {}) });
  return { exports: run(script, file), fromCache: cache !== undefined && !script.cachedDataRejected };
}

/**
 * Writes `${file}.cache`: `file` compiled and run, then `warm(exports)` called so the functions it reaches are
 * compiled too (V8 compiles a function on its first call, and the cache holds what was compiled by then).
 */
export function writeCodeCache(file: string, warm: (exports: unknown) => void): void {
  const source = readFileSync(file, 'utf8');
  const script = new Script(wrapped(source), { filename: file });
  warm(run(script, file));
  writeFileSync(`${file}.cache`, Buffer.concat([digestOf(source), script.createCachedData()]));
}

/** The source as a CommonJS module function, as Node's own loader wraps it. */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

function run(script: Script, file: string): unknown {
  const module = { exports: {} as unknown };
  const path = resolve(file);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(path), module, path, dirname(path));
  return module.exports;
}

function readCache(file: string, digest: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return bytes.length > DIGEST_BYTES && bytes.subarray(0, DIGEST_BYTES).equals(digest)
    ? bytes.subarray(DIGEST_BYTES)
    : undefined;
}

function digestOf(source: string): Buffer {
  return createHash('sha256').update(source).digest();
}
