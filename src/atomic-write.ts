// The one way netspec puts a file or a folder in place: written complete beside its destination under a
// temporary name, then renamed over it. A reader (a signer, Argo CD, a peer reading its MSP) sees the old version
// or the new one, never half of either, and a failure leaves the destination as it was and no temporary behind.
// What a destination may be replaced with is the caller's rule (bundle/write-bundle.ts refuses folders netspec
// did not write); this module only makes the replacement atomic.

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lstatOrUndefined } from './lstat-or-undefined.js';

export interface AtomicFileOptions {
  /** The file's mode, stated again after creation so that the umask cannot widen or narrow it (keys: 0o600). */
  mode?: number;
  /** The mode of parent folders made for the file (0o700 for a folder of keys). */
  folderMode?: number;
}

/** Writes `data` to `file` through a temporary sibling and a rename, making its parent folders first. */
export function atomicWriteFile(file: string, data: string | Uint8Array, options: AtomicFileOptions = {}): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, ...(options.folderMode === undefined ? {} : { mode: options.folderMode }) });
  const temp = join(folder, `${stagingPrefix(file)}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    // `wx`: the temporary is a new file, never one (or a link) already there under the same name.
    writeFileSync(temp, data, { flag: 'wx', ...(options.mode === undefined ? {} : { mode: options.mode }) });
    if (options.mode !== undefined) chmodSync(temp, options.mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Makes an empty staging folder beside `target`, `.<name>.tmp-<pid>-<random>` (`mode` filtered by the umask, as
 * mkdir does), to be filled and then put in place by swapFolderInto. Staging folders of `target` left by processes that no longer run (killed outright) are swept
 * first; a `.old` one holds the previous `target` of a swap cut short, and is put back while `target` is missing.
 */
export function stageFolder(target: string, mode?: number): string {
  sweepLeftovers(target);
  const staging = join(dirname(target), `${stagingPrefix(target)}${process.pid}-${randomBytes(6).toString('hex')}`);
  // Not recursive: a folder already there under this name is an error, never someone else's folder reused.
  mkdirSync(staging, mode === undefined ? {} : { mode });
  return staging;
}

/**
 * Renames the filled `staging` folder to `target`. An existing `target` is moved aside first (`<staging>.old`),
 * restored if the new folder cannot be moved in, and removed once it is.
 */
export function swapFolderInto(staging: string, target: string): void {
  if (!lstatOrUndefined(target)) {
    renameSync(staging, target);
    return;
  }
  const aside = `${staging}.old`;
  renameSync(target, aside);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(aside, target);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

/** Builds a folder with `fill` in a staging folder beside `target`, then swaps it in; on failure `target` is kept. */
export function replaceFolder(target: string, fill: (staging: string) => void): void {
  mkdirSync(dirname(target), { recursive: true });
  const staging = stageFolder(target);
  try {
    fill(staging);
    swapFolderInto(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `.<name>.tmp-`: what every temporary of `<name>` starts with, followed by `<pid>-<random>`. */
function stagingPrefix(target: string): string {
  return `.${basename(target)}.tmp-`;
}

function sweepLeftovers(target: string): void {
  const parent = dirname(target);
  const prefix = stagingPrefix(target);
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-[A-Za-z0-9]+(\.old)?$/.exec(name.slice(prefix.length));
    if (!match || isRunning(Number(match[1]))) continue;
    const leftover = join(parent, name);
    if (!lstatOrUndefined(leftover)?.isDirectory()) continue;
    if (match[2] && !lstatOrUndefined(target)) renameSync(leftover, target);
    else rmSync(leftover, { recursive: true, force: true });
  }
}

/** Whether a process with this id exists (signal 0 checks without sending anything); unsure counts as running. */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
