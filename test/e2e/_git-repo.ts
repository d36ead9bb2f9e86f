// A throwaway git repository for the end-to-end story: its own user.name/user.email (never the machine's global
// config), a clock that moves one hour per commit so dates are reproducible, and commits of explicit paths only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Author {
  name: string;
  email: string;
}

export interface TempRepo {
  root: string;
  /** The time of the last commit, in seconds (what CI would put in SOURCE_DATE_EPOCH). */
  readonly clock: number;
  git(args: string[], author?: Author): string;
  /** Commits exactly `paths` (repository-relative) and returns the new commit id. */
  commit(message: string, paths: string[], author: Author): string;
  /** A --no-ff merge of `branch` into the current branch, as GitHub's merge button makes it. */
  merge(branch: string, message: string, author: Author): string;
}

export function createTempRepo(prefix: string, start = '2026-03-02T10:00:00Z'): TempRepo {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let clock = Date.parse(start) / 1000;
  const git = (args: string[], author?: Author) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_DATE: `${clock} +0000`,
        GIT_COMMITTER_DATE: `${clock} +0000`,
        ...(author ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email } : {}),
      },
    }).trim();
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Supply Chain Repo']);
  git(['config', 'user.email', 'repo@supply.example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  return {
    root,
    get clock() {
      return clock;
    },
    git,
    commit(message, paths, author) {
      clock += 3600;
      git(['add', '--', ...paths]);
      git(['commit', '-q', '-m', message], author);
      return git(['rev-parse', 'HEAD']);
    },
    merge(branch, message, author) {
      clock += 3600;
      git(['merge', '-q', '--no-ff', branch, '-m', message], author);
      return git(['rev-parse', 'HEAD']);
    },
  };
}
