// What is at a path, without following a final symbolic link, or undefined when nothing is: the question every
// writer asks before it replaces a path (src/atomic-write.ts, bundle/write-bundle.ts).
import { lstatSync, type Stats } from 'node:fs';

export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    // ENOTDIR: a parent is a file, so this path does not exist either.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
