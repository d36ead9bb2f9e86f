// Files as committed, read straight from git's object store with the plumbing commands (`ls-tree`, `cat-file`),
// never from the working tree: the history judges what was committed, not what lies on disk today. Bytes come
// back exactly as committed (update.pb and config blocks are binary), and every tree and blob is read once.
import { execFileSync } from 'node:child_process';

/** Signature files, plans, updates and config blocks are at most a few megabytes; git's answer is read whole. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export class RepositoryReader {
  private readonly trees = new Map<string, Map<string, string>>();
  private readonly blobs = new Map<string, Buffer>();

  constructor(readonly root: string) {}

  /** `git <args>` in the repository, its output as bytes; throws on failure (the caller says what it meant). */
  run(args: string[]): Buffer {
    return execFileSync('git', args, {
      cwd: this.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: MAX_OUTPUT_BYTES,
      // Paths are names, never glob patterns.
      env: { ...process.env, GIT_LITERAL_PATHSPECS: '1' },
    });
  }

  /** Every regular file under `folder` at `commit`: repository path -> blob id. Links and submodules are left out. */
  filesAt(commit: string, folder: string): ReadonlyMap<string, string> {
    const key = `${commit}\0${folder}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    const files = new Map<string, string>();
    const listing = this.run(['ls-tree', '-r', '-z', '--full-tree', commit, '--', folder]).toString('utf8');
    for (const entry of listing.split('\0')) {
      const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (match && match[1] !== '120000') files.set(match[3]!, match[2]!);
    }
    this.trees.set(key, files);
    return files;
  }

  /** The bytes of a blob. */
  blob(id: string): Buffer {
    const cached = this.blobs.get(id);
    if (cached) return cached;
    const bytes = this.run(['cat-file', 'blob', id]);
    this.blobs.set(id, bytes);
    return bytes;
  }

  /** The file at `path` as committed at `commit`, or undefined when that commit has none there. */
  fileAt(commit: string, folder: string, path: string): Buffer | undefined {
    const id = this.filesAt(commit, folder).get(path);
    return id === undefined ? undefined : this.blob(id);
  }
}
