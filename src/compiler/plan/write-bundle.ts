// Writing a plan bundle: every file into a fresh temporary folder beside the target, then one rename. A reader
// (or a signer) never sees half a bundle, and a failed plan leaves the previous bundle untouched. A bundle can be
// staged in parts (the plan writes its channel artifacts while its Kubernetes part is still being computed) and
// is committed or abandoned as a whole.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface StagedBundle {
  /** Writes these files into the staging folder; a path written before is left as it is. */
  write(files: ReadonlyMap<string, Uint8Array>): void;
  /** Puts the staged bundle in place of `dir`, replacing any bundle there. */
  commit(): void;
  /** Removes the staging folder unless committed; `dir` stays as it was. */
  abandon(): void;
}

export function stageBundle(dir: string): StagedBundle {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  // A large consortium's bundle holds hundreds of folders: make each once.
  const made = new Set<string>();
  const written = new Set<string>();
  let committed = false;
  return {
    write(files) {
      for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (written.has(path)) continue;
        if (path.startsWith('/') || path.split('/').includes('..'))
          throw new Error(`bundle path escapes the bundle: ${path}`);
        const folder = dirname(join(temp, path));
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        writeFileSync(join(temp, path), bytes);
        written.add(path);
      }
    },
    commit() {
      if (existsSync(target)) {
        const old = `${temp}.old`;
        renameSync(target, old);
        renameSync(temp, target);
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(temp, target);
      }
      committed = true;
    },
    abandon() {
      if (!committed) rmSync(temp, { recursive: true, force: true });
    },
  };
}

export function writeBundle(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  const staged = stageBundle(dir);
  try {
    staged.write(files);
    staged.commit();
  } catch (error) {
    staged.abandon();
    throw error;
  }
}
