// Writing a plan bundle: every file into a fresh staging folder beside the target, then one rename. A reader
// (or a signer) never sees half a bundle, and a failed plan leaves the previous bundle untouched. A bundle can be
// staged in parts (the plan writes its channel artifacts while its Kubernetes part is still being computed) and
// is committed or abandoned as a whole.
//
// The writer replaces only what it wrote itself: a missing or empty folder, or a folder that holds its marker file
// (plan.json for a plan bundle). Anything else (a repository, the state, a file, a link) is refused before a byte
// is written, so a mistyped --out can never cost a user their work.
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { stageFolder, swapFolderInto } from '../atomic-write.js';
import { lstatOrUndefined } from '../lstat-or-undefined.js';

/** Which existing folder a newly written bundle may replace. */
export interface OutFolderRules {
  /** The file whose presence at the top marks a folder this writer wrote (default: a plan bundle's plan.json). */
  marker?: { file: string; what: string };
  /** Paths the folder must neither be nor hold: the spec it was planned from, the live state, the working folder. */
  protect?: readonly { path: string; what: string }[];
}

export type OutFolderCheck = { ok: true } | { ok: false; message: string };

/** A folder the writer refuses to replace; the message names the path as given and what was expected. */
export class OutFolderRefused extends Error {
  override name = 'OutFolderRefused';
}

const PLAN_BUNDLE = { file: 'plan.json', what: 'plan bundle' };
const REFUSING = 'refusing to replace it; choose an empty or new folder';

/**
 * Whether `dir` may be replaced: it is missing (its nearest existing parent a folder), an empty folder, or a folder
 * with the marker file at its top, and it is not the filesystem root, a link, a git work tree or a protected path.
 * Reads only; `dir` as given appears in the message.
 */
export function checkOutFolder(dir: string, rules: OutFolderRules = {}): OutFolderCheck {
  const marker = rules.marker ?? PLAN_BUNDLE;
  const target = resolve(dir);
  const refuse = (problem: string): OutFolderCheck => ({ ok: false, message: `${dir} ${problem}: ${REFUSING}` });
  try {
    if (target === parse(target).root) return refuse('is the root folder');
    const stat = lstatOrUndefined(target);
    if (!stat) {
      // Missing: it can be made when its nearest existing parent is a folder (`shown` is that parent as given).
      for (let parent = dirname(target), shown = dirname(dir); ; parent = dirname(parent), shown = dirname(shown)) {
        const above = lstatOrUndefined(parent);
        if (above?.isDirectory() || (above?.isSymbolicLink() && isFolder(parent))) return { ok: true };
        if (above) return { ok: false, message: `${dir} cannot be made: ${shown} is not a folder` };
        if (parent === dirname(parent)) return { ok: true };
      }
    }
    if (stat.isSymbolicLink()) return refuse('is a symbolic link, not a folder');
    if (stat.isFile()) return refuse('is a file, not a folder');
    if (!stat.isDirectory()) return refuse('is not a folder');
    const real = realpathSync(target);
    for (const kept of rules.protect ?? []) {
      const path = existsSync(kept.path) ? realpathSync(kept.path) : resolve(kept.path);
      if (path === real) return refuse(`is the ${kept.what}`);
      if (isInside(path, real)) return refuse(`holds the ${kept.what} (${kept.path})`);
    }
    const entries = readdirSync(target);
    if (entries.includes('.git')) return refuse('holds a git repository (.git)');
    if (entries.length === 0) return { ok: true };
    if (lstatOrUndefined(join(target, marker.file))?.isFile()) return { ok: true };
    return refuse(`is not a ${marker.what} (no ${marker.file}) and not empty`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, message: `${dir} cannot be checked (${code}): ${REFUSING}` };
  }
}

export interface StagedBundle {
  /** The staging folder (`.<name>.tmp-<pid>-<random>` beside the bundle). */
  readonly folder: string;
  /** Writes these files into the staging folder; a path written before is left as it is. */
  write(files: ReadonlyMap<string, Uint8Array>): void;
  /** Puts the staged bundle in place of `dir`, replacing the bundle there (checked again first). */
  commit(): void;
  /** Removes the staging folder unless committed; `dir` stays as it was. */
  abandon(): void;
}

/**
 * Starts a bundle for `dir`, or throws OutFolderRefused (having written nothing) when checkOutFolder refuses it.
 * The staging folder is `.<name>.tmp-<pid>-<random>` beside it; such folders left by processes that no longer run
 * (a plan killed outright) are swept first.
 */
export function stageBundle(dir: string, rules: OutFolderRules = {}): StagedBundle {
  const refusal = checkOutFolder(dir, rules);
  if (!refusal.ok) throw new OutFolderRefused(refusal.message);
  const target = resolve(dir);
  // The first folder made for the bundle's parent, if any: an abandoned bundle leaves no empty folders behind.
  const madeParent = mkdirSync(dirname(target), { recursive: true });
  // 0700 while staged, and so once in place: the mode a bundle folder has always had.
  const temp = stageFolder(target, 0o700);
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
    commit() {
      // The folder may have changed since the plan began: what it holds now decides.
      const again = checkOutFolder(dir, rules);
      if (!again.ok) throw new OutFolderRefused(again.message);
      swapFolderInto(temp, target);
      committed = true;
    },
    abandon() {
      if (committed) return;
      rmSync(temp, { recursive: true, force: true });
      if (madeParent) removeEmptyFolders(dirname(target), madeParent);
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(realpathSync(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` lies strictly inside `folder` (both absolute and real). */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
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
function writeStagedFiles(
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

/** Writes a whole bundle at once (see stageBundle for what it may replace). */
export function writeBundle(dir: string, files: ReadonlyMap<string, Uint8Array>, rules: OutFolderRules = {}): void {
  const staged = stageBundle(dir, rules);
  try {
    staged.write(files);
    staged.commit();
  } catch (error) {
    staged.abandon();
    throw error;
  }
}
