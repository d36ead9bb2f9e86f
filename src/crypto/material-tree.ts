// Generated material as a plain value: files with their text and whether they are secret (mode 0600).
// Generators return trees; only write-material.ts touches the disk.

export interface MaterialFile {
  /** POSIX path relative to the tree's root. */
  path: string;
  contents: string;
  /** Private keys: written with mode 0600 and never printed. */
  secret: boolean;
}

export interface MaterialTree {
  files: MaterialFile[];
  /** Folders that must exist even when empty (an MSP's `admincerts/` with NodeOUs on). */
  directories: string[];
}

export function emptyTree(): MaterialTree {
  return { files: [], directories: [] };
}

/** Moves `tree` under `prefix` and appends it to `into`. */
export function mergeTree(into: MaterialTree, prefix: string, tree: MaterialTree): void {
  for (const file of tree.files) into.files.push({ ...file, path: `${prefix}/${file.path}` });
  for (const directory of tree.directories) into.directories.push(`${prefix}/${directory}`);
}

/** Sorted paths: the order files are written and reported in never depends on generation order. */
export function sortedPaths(tree: MaterialTree): string[] {
  return tree.files.map((file) => file.path).sort();
}
