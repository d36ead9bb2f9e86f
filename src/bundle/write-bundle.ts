// Writing a plan bundle: every file into a fresh temporary folder beside the target, then one rename. A reader
// (or a signer) never sees half a bundle, and a failed plan leaves the previous bundle untouched. A bundle can be
// staged in parts (the plan writes its channel artifacts while its Kubernetes part is still being computed) and
// is committed or abandoned as a whole.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface StagedBundle {
  /** The staging folder, for a worker thread that writes its part of the bundle there itself (writeStagedFiles). */
  readonly folder: string;
  /** Writes these files into the staging folder; a path written before is left as it is. */
  write(files: ReadonlyMap<string, Uint8Array>): void;
  /** Counts these files as written: a worker thread wrote them into the folder. */
  adopt(paths: Iterable<string>): void;
  /** Puts the staged bundle in place of `dir`, replacing any bundle there. */
  commit(): void;
  /** Removes the staging folder unless committed; `dir` stays as it was. */
  abandon(): void;
}

export function stageBundle(dir: string): StagedBundle {
  const target = resolve(dir);
  // The first folder made for the bundle's parent, if any: an abandoned bundle leaves no empty folders behind.
  const madeParent = mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  const made = new Set<string>();
  const written = new Set<string>();
  let committed = false;
  return {
    folder: temp,
    write(files) {
      writeStagedFiles(
        temp,
        [...files].filter(([path]) => !written.has(path)),
        made,
      );
      for (const path of files.keys()) written.add(path);
    },
    adopt(paths) {
      for (const path of paths) written.add(path);
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
      if (committed) return;
      rmSync(temp, { recursive: true, force: true });
      if (madeParent) removeEmptyFolders(dirname(target), madeParent);
    },
  };
}

/** Removes `folder` and its parents up to `top` while they are empty. */
function removeEmptyFolders(folder: string, top: string): void {
  for (let current = folder; current.startsWith(top); current = dirname(current)) {
    if (readdirSync(current).length > 0) return;
    rmdirSync(current);
    if (current === top) return;
  }
}

/**
 * Writes bundle-relative files into a staging folder. `made` remembers the folders created so far: a large
 * consortium's bundle holds hundreds of folders, each made once.
 */
export function writeStagedFiles(
  folder: string,
  files: readonly (readonly [string, Uint8Array])[],
  made: Set<string> = new Set(),
): void {
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.startsWith('/') || path.split('/').includes('..'))
      throw new Error(`bundle path escapes the bundle: ${path}`);
    const parent = dirname(join(folder, path));
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(join(folder, path), bytes);
  }
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
