// A real temporary git repository with a small governance story on its main line:
//  1. a direct commit creating networks/demo (orgs a and b, channel ch);
//  2. PR #12 (a --no-ff merge of a branch with two commits): org c joins channel ch, a bundle and AMSP's signature;
//  3. a commit elsewhere (networks/other) that must not show up;
//  4. squash commit "(#13)": the apply record of ch at config sequence 4.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SPEC_V1 = `apiVersion: netspec/v1
name: demo
organizations:
  a: { mspId: AMSP, domain: a.example.com, roles: [participant], msp: { directory: crypto/a/msp } }
  b: { mspId: BMSP, domain: b.example.com, roles: [participant], msp: { directory: crypto/b/msp } }
channels:
  ch:
    members: [a, b]
    orderer: { organizations: [a], consenters: [a/o0] }
`;

export const SPEC_V2 = SPEC_V1.replace(
  '\nchannels:',
  '\n  c: { mspId: CMSP, domain: c.example.com, roles: [participant], msp: { directory: crypto/c/msp } }\nchannels:',
)
  .replace('members: [a, b]', 'members: [a, b, c]')
  .replace('name: demo', 'name: demo\ndescription: three members');

export const SIGNATURE = {
  mspId: 'AMSP',
  signer: 'CN=Admin@a.example.com,OU=admin',
  signedAt: '2024-05-02T09:30:00Z',
  updateSha256: 'ab'.repeat(32),
  signatureHeader: 'AAAA',
  signature: 'BBBB',
};

export const APPLY_RECORD = {
  bundleHash: 'cd'.repeat(32),
  channel: 'ch',
  sequence: 4,
  txIds: ['f00d'],
  blockNumbers: [9],
  appliedAt: '2024-05-03T08:00:00Z',
  signers: ['AMSP', 'BMSP'],
};

export interface GovernanceRepo {
  root: string;
  commits: { initial: string; merge: string; other: string; applied: string };
}

export function createGovernanceRepo(): GovernanceRepo {
  const root = mkdtempSync(join(tmpdir(), 'netspec-history-'));
  let clock = Date.parse('2024-05-01T10:00:00Z') / 1000;
  const git = (args: string[], extraEnv: Record<string, string> = {}) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: `${clock} +0000`,
        GIT_COMMITTER_DATE: `${clock} +0000`,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        ...extraEnv,
      },
    }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const commit = (message: string, author: string) => {
    clock += 3600;
    git(['add', '-A']);
    git(['commit', '-q', '-m', message, `--author=${author}`]);
    return git(['rev-parse', 'HEAD']);
  };
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Repo Owner']);
  git(['config', 'user.email', 'owner@example.com']);
  git(['config', 'commit.gpgsign', 'false']);

  write('networks/demo/network.yaml', SPEC_V1);
  const initial = commit('Create the demo network', 'Alice <alice@a.example.com>');

  git(['checkout', '-q', '-b', 'add-c']);
  write('networks/demo/network.yaml', SPEC_V2);
  write('networks/demo/bundles/12/plan.json', '{"network":"demo"}\n');
  commit('Org c joins channel ch', 'Carol <carol@c.example.com>');
  write('networks/demo/bundles/12/signatures/ch/AMSP.json', `${JSON.stringify(SIGNATURE)}\n`);
  commit('AMSP signs the ch update', 'Alice <alice@a.example.com>');
  git(['checkout', '-q', 'main']);
  clock += 3600;
  // A PR merged on GitHub: the merge commit is authored by whoever pressed the button.
  git(['merge', '-q', '--no-ff', 'add-c', '-m', 'Merge pull request #12 from c-org/add-c'], {
    GIT_AUTHOR_NAME: 'Bob',
    GIT_AUTHOR_EMAIL: 'bob@b.example.com',
  });
  const merge = git(['rev-parse', 'HEAD']);

  write('networks/other/network.yaml', 'name: other\n');
  const other = commit('Another network', 'Dave <dave@example.com>');

  write('networks/demo/applied/ch-4.json', `${JSON.stringify(APPLY_RECORD)}\n`);
  const applied = commit('Record the apply of ch at sequence 4 (#13)', 'CI <ci@example.com>');
  return { root, commits: { initial, merge, other, applied } };
}
