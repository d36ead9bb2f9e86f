// A file as committed at a revision, read from the git repository that holds it; not the working tree. `pr status`
// reads each organization's approvers from the spec on the PR's base commit this way, so a pull request cannot
// name its own approvers (trust comes from where a value was read).
//
// git runs without a shell (execFile), from the repository's top folder, with the repository-relative path:
// `git ls-tree` says whether the path is a file at that commit, and `git cat-file blob` (the plumbing under `git
// show <rev>:<path>`) gives its bytes exactly as committed. Synchronous, like the spec loader that reads them.
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { RepositoryReader } from './repository-reader.js';

export type FileAtRevision =
  /** The file as committed at `commit`; `text` is `bytes` read as UTF-8. */
  | { path: string; commit: string; bytes: Buffer; text: string }
  /** The commit exists and has no file at `path` (a network the base branch does not have yet). */
  | { path: string; commit: string; bytes: undefined; text: undefined }
  /** No answer: not in a git repository, an unknown revision, or no file but a folder or link at `path`. */
  | { error: string };

/**
 * The file at `path` (relative to the working directory or absolute) as committed at `revision` (a sha, branch,
 * tag or any `git rev-parse` expression naming a commit), in the repository containing `path`. The file need not
 * exist in the working tree. The answer names the repository-relative `path` and the `commit` as a full sha.
 */
export function readFileAtRevision(path: string, revision: string): FileAtRevision {
  const absolute = resolve(path);
  const where = `${path} at ${revision}`;
  if (revision === '' || revision.startsWith('-'))
    return { error: `cannot read ${where}: '${revision}' is no revision` };

  // Walk up to the nearest folder that exists: the file, and its folder, may exist only in history.
  let folder = dirname(absolute);
  const tail = [basename(absolute)];
  while (!isDirectory(folder)) {
    const parent = dirname(folder);
    if (parent === folder) break;
    tail.unshift(basename(folder));
    folder = parent;
  }
  const located = git(folder, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if ('error' in located) return { error: `cannot read ${where}: no git repository holds it (${located.error})` };
  const [root = '', prefix = ''] = located.output.toString('utf8').split('\n');
  const repoPath = `${prefix}${tail.join('/')}`;

  const resolved = git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  const commit = 'error' in resolved ? '' : resolved.output.toString('utf8').trim();
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) {
    return {
      error:
        `cannot read ${where}: '${revision}' is not a commit in the git repository at ${root}` +
        ' (a shallow clone may lack it: fetch it, or check out with full history)',
    };
  }

  // `<mode> <type> <object>\t<path>\0` for the entry at exactly that path, or nothing when there is none.
  const listed = git(root, ['ls-tree', '-z', '--full-tree', commit, '--', repoPath]);
  if ('error' in listed) return { error: `cannot read ${where}: ${listed.error}` };
  const entry = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(listed.output.toString('utf8'));
  if (!entry) return { path: repoPath, commit, bytes: undefined, text: undefined };
  const [, mode, type, object] = entry;
  if (type !== 'blob' || mode === '120000') {
    const what = type === 'tree' ? 'a folder' : type === 'commit' ? 'a submodule' : 'a symbolic link';
    return { error: `cannot read ${where}: ${repoPath} is ${what} at ${commit}, not a file` };
  }
  const blob = git(root, ['cat-file', 'blob', object!]);
  if ('error' in blob) return { error: `cannot read ${where}: ${blob.error}` };
  return { path: repoPath, commit, bytes: blob.output, text: blob.output.toString('utf8') };
}

/** `git <args>` as the history reader runs it (no shell, literal paths), with a failure said in one line. */
function git(cwd: string, args: string[]): { output: Buffer } | { error: string } {
  try {
    return { output: new RepositoryReader(cwd).run(args) };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') return { error: 'git is not installed or not on PATH' };
    const message = failure.stderr?.toString('utf8').trim().split('\n')[0];
    return { error: message || `git ${args[0]} failed` };
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
