// Writing a plan bundle: every file into a fresh temporary folder beside the target, then one rename. A reader
// (or a signer) never sees half a bundle, and a failed plan leaves the previous bundle untouched.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeBundle(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    // A large consortium's bundle holds thousands of files in a few hundred folders: make each folder once.
    const made = new Set<string>();
    for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`bundle path escapes the bundle: ${path}`);
      const folder = dirname(join(temp, path));
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(join(temp, path), bytes);
    }
    if (existsSync(target)) {
      const old = `${temp}.old`;
      renameSync(target, old);
      renameSync(temp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, target);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
