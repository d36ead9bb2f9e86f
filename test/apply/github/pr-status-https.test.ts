// `netspec pr status` against a GitHub API over HTTPS, as the built CLI runs in CI against github.com or a GitHub
// Enterprise Server: GITHUB_API_URL names the server, and a private CA is trusted the way Node trusts one, through
// NODE_EXTRA_CA_CERTS. The spec names an admin identity, whose OU validation reads before the first request: that
// read once left node:tls without createSecureContext, and every HTTPS call failed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCliAsync } from '../../helpers/run-cli.js';
import { type FakeGitHubApi, startFakeGitHubApi } from './fake-github-api.js';
import { writeGovernanceBundle } from './governance-bundle.js';
import { createPrivateCa, type PrivateCa } from './private-ca.js';

let ca: PrivateCa;
let caFile: string;
let spec: { file: string; commit: string };
let api: FakeGitHubApi;

/**
 * The supply-chain network, copied with its crypto/ into a git repository of its own, where the manufacturer
 * names its admin identity; its one commit is the PR's base (whose spec names the approvers).
 */
function specWithAdminIdentity(): { file: string; commit: string } {
  const root = mkdtempSync(join(tmpdir(), 'netspec-https-spec-'));
  const dir = join(root, 'networks/supply-chain');
  cpSync(join(repoRoot, 'networks/supply-chain'), dir, { recursive: true });
  const file = join(dir, 'network.yaml');
  const admin =
    'crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp/signcerts/Admin@manufacturer.supply.example.com-cert.pem';
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(
    '      directory: crypto/manufacturer/msp\n',
    `      directory: crypto/manufacturer/msp\n      adminIdentity: ${admin}\n`,
  );
  if (edited === text) throw new Error('the supply-chain spec no longer has the manufacturer MSP line this test edits');
  writeFileSync(file, edited);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Consortium');
  git('config', 'user.email', 'consortium@example.com');
  git('add', '-A');
  git('commit', '-q', '-m', 'supply-chain network');
  return { file, commit: git('rev-parse', 'HEAD') };
}

beforeAll(async () => {
  ca = await createPrivateCa();
  caFile = join(mkdtempSync(join(tmpdir(), 'netspec-private-ca-')), 'ca.pem');
  writeFileSync(caFile, ca.caPem);
  spec = specWithAdminIdentity();
});

beforeEach(async () => {
  api = await startFakeGitHubApi(
    {
      reviews: [
        { id: 1, login: 'alice-acme', state: 'APPROVED', submittedAt: '2024-05-01T10:00:00Z' },
        { id: 2, login: 'bob-globex', state: 'APPROVED', submittedAt: '2024-05-01T11:00:00Z' },
      ],
      baseSha: spec.commit,
    },
    { tls: ca.server },
  );
});

afterEach(async () => {
  await api.close();
});

const repo = '/repos/acme-consortium/networks';

function prStatus(env: Record<string, string>) {
  const bundle = writeGovernanceBundle();
  const args = [
    'pr',
    'status',
    '--repo',
    'acme-consortium/networks',
    '--pr',
    '12',
    '--bundle',
    bundle,
    '--spec',
    spec.file,
  ];
  return runCliAsync(args, { env: { GITHUB_TOKEN: 'https-token', GITHUB_API_URL: api.url, ...env } });
}

describe('netspec pr status over HTTPS', () => {
  it('trusts a private CA from NODE_EXTRA_CA_CERTS and posts the comment and the commit status', async () => {
    expect(api.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const result = await prStatus({ NODE_EXTRA_CA_CERTS: caFile });
    expect(result.stderr).toBe('');
    // netspec's own verifier: the test bundle's update is not what the spec re-plans to, and the PR is told so.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('PR #12 (6dcb09b5b578): invalid');
    expect(result.stdout).toContain('comment created');
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual([
      `${repo}/issues/12/comments`,
      `${repo}/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e`,
    ]);
    expect(posts[1]?.body).toMatchObject({ state: 'failure', context: 'netspec/signatures' });
    expect(api.state.comments).toHaveLength(1);
    expect(api.requests.every((r) => r.authorization === 'token https-token')).toBe(true);
  });

  it('refuses a server whose CA it was not told to trust, before sending anything', async () => {
    const result = await prStatus({});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/certificate/i);
    expect(result.stderr).not.toContain('createSecureContext');
    expect(api.requests).toEqual([]);
  });
});
