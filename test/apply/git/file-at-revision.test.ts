import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileAtRevision } from '../../../src/apply/git/index.js';
import { createGovernanceRepo, type GovernanceRepo, SPEC_V1, SPEC_V2 } from './governance-repo.js';

let repo: GovernanceRepo;
let rawCommit: string;
/** Not UTF-8, with CRLF line ends and a NUL: they must come back byte for byte. */
const RAW = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe8, 0x0d, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();

beforeAll(() => {
  repo = createGovernanceRepo();
  git('branch', 'base', repo.commits.initial);
  mkdirSync(join(repo.root, 'networks/raw'), { recursive: true });
  writeFileSync(join(repo.root, 'networks/raw/network.yaml'), RAW);
  git('add', '-A');
  git('commit', '-q', '-m', 'raw bytes');
  rawCommit = git('rev-parse', 'HEAD');
  // The working tree no longer has the demo network at all, nor the raw one's folder.
  rmSync(join(repo.root, 'networks/demo'), { recursive: true });
  rmSync(join(repo.root, 'networks/raw'), { recursive: true });
});

describe('readFileAtRevision', () => {
  it('reads the file as committed at each revision, by sha, short sha, branch or expression, with the full sha', () => {
    const spec = join(repo.root, 'networks/demo/network.yaml');
    const atInitial = readFileAtRevision(spec, repo.commits.initial);
    expect(atInitial).toEqual({
      path: 'networks/demo/network.yaml',
      commit: repo.commits.initial,
      bytes: Buffer.from(SPEC_V1),
      text: SPEC_V1,
    });
    expect(readFileAtRevision(spec, repo.commits.initial.slice(0, 8))).toEqual(atInitial);
    expect(readFileAtRevision(spec, 'base')).toEqual(atInitial);
    expect(readFileAtRevision(spec, 'main')).toMatchObject({ commit: rawCommit, text: SPEC_V2 });
    expect(readFileAtRevision(spec, `${repo.commits.merge}^1`)).toEqual(atInitial);
  });

  it('finds the repository from a relative path whose folders exist only in history', () => {
    const previous = process.cwd();
    process.chdir(repo.root);
    try {
      expect(readFileAtRevision('networks/demo/network.yaml', 'main')).toMatchObject({
        path: 'networks/demo/network.yaml',
        text: SPEC_V2,
      });
    } finally {
      process.chdir(previous);
    }
  });

  it('gives the committed bytes exactly, not decoded', () => {
    const read = readFileAtRevision(join(repo.root, 'networks/raw/network.yaml'), rawCommit);
    expect('bytes' in read && read.bytes).toEqual(RAW);
  });

  it('says a file is absent at a revision that has none, naming the commit it looked in', () => {
    expect(readFileAtRevision(join(repo.root, 'networks/other/network.yaml'), 'base')).toEqual({
      path: 'networks/other/network.yaml',
      commit: repo.commits.initial,
      bytes: undefined,
      text: undefined,
    });
    // A file name that is a glob pattern is still only that name.
    expect(readFileAtRevision(join(repo.root, 'networks/*/network.yaml'), 'main')).toMatchObject({ bytes: undefined });
  });

  it('errors, naming path and revision, for an unknown revision, a folder, and outside any repository', () => {
    const spec = join(repo.root, 'networks/demo/network.yaml');
    const unknown = readFileAtRevision(spec, 'no-such-branch');
    expect(unknown).toEqual({ error: expect.stringContaining(`cannot read ${spec} at no-such-branch: `) });
    expect((unknown as { error: string }).error).toContain("'no-such-branch' is not a commit in the git repository");
    // A blob is not a commit.
    const blob = git('rev-parse', `${repo.commits.initial}:networks/demo/network.yaml`);
    expect(readFileAtRevision(spec, blob)).toHaveProperty('error');

    expect(readFileAtRevision(join(repo.root, 'networks/demo'), 'main')).toEqual({
      error: `cannot read ${join(repo.root, 'networks/demo')} at main: networks/demo is a folder at ${rawCommit}, not a file`,
    });

    const outside = join(mkdtempSync(join(tmpdir(), 'netspec-no-git-')), 'network.yaml');
    const notRepo = readFileAtRevision(outside, 'main');
    expect((notRepo as { error: string }).error).toMatch(
      new RegExp(`^cannot read ${outside} at main: no git repository holds it \\(fatal: not a git repository`),
    );
  });

  it('never takes a revision as an option', () => {
    const spec = join(repo.root, 'networks/demo/network.yaml');
    const out = join(repo.root, 'injected');
    expect(readFileAtRevision(spec, `--output=${out}`)).toEqual({
      error: `cannot read ${spec} at --output=${out}: '--output=${out}' is no revision`,
    });
    expect(readFileAtRevision(spec, '')).toHaveProperty('error');
  });
});
