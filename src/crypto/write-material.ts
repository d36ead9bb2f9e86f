// The functions that put generated material on disk. A tree is written into a temporary sibling folder
// and renamed into place, so an error (or Ctrl-C) never leaves a half-written MSP that looks complete.
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { atomicWriteFile, replaceFolder } from '../atomic-write.js';
import type { MaterialFile, MaterialTree } from './material-tree.js';
import { SECRET_MODE } from './private-key-files.js';

const PUBLIC_MODE = 0o644;

/**
 * Writes `tree` as the folder `target`. An existing `target` is replaced only when `replace` is set;
 * the old folder is moved aside first and restored if the new one cannot be moved in.
 */
export function writeTreeAtomic(target: string, tree: MaterialTree, replace: boolean): void {
  if (existsSync(target) && !replace) throw new Error(`${target} already exists`);
  replaceFolder(target, (staging) => writeTree(staging, tree));
}

function writeTree(root: string, tree: MaterialTree): void {
  mkdirSync(root, { recursive: true });
  for (const directory of tree.directories) mkdirSync(join(root, directory), { recursive: true });
  for (const file of tree.files) {
    const path = join(root, file.path);
    const mode = file.secret ? SECRET_MODE : PUBLIC_MODE;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents, { mode, flag: 'wx' });
    // The mode given at creation is filtered by the umask; state it again so keys are 0600 whatever the umask.
    chmodSync(path, mode);
  }
}

/** A single public file (the crypto README), through a temporary sibling and a rename. */
export function writePublicFileAtomic(file: string, contents: string): void {
  atomicWriteFile(file, contents, { mode: PUBLIC_MODE });
}

/**
 * Writes new files only: a path that exists is refused before anything is written, and a failure part-way removes
 * what this call wrote. Keys are 0600.
 */
export function writeNewFiles(specDir: string, files: readonly MaterialFile[]): void {
  for (const file of files)
    if (existsSync(join(specDir, file.path))) throw new Error(`${join(specDir, file.path)} exists already`);
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(specDir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents, { flag: 'wx', mode: file.secret ? SECRET_MODE : PUBLIC_MODE });
      written.push(path);
    }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    throw error;
  }
}
