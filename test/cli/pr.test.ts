// `netspec pr status` through the CLI's main(), in process, in a real git repository against a local GitHub API:
// the bundle is verified against the network's own spec and state, approvers come from the spec as committed on the
// PR's base (a PR that adds its own approver gains nothing), and only reviews of the PR's head commit count.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { makePlan } from '../../src/compiler/plan/index.js';
import { type FakeGitHubApi, type FakeReview, startFakeGitHubApi } from '../apply/github/fake-github-api.js';
import { createTempRepo, type TempRepo } from '../e2e/_git-repo.js';
import { adminFiles, type Org } from '../governance/_fixtures.js';
import { writeTestBundle } from '../helpers/bundle-fixture.js';
import { signAsOrganization } from '../helpers/org-signer.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const author = { name: 'Mallory', email: 'mallory@example.com' };
const NETWORK = 'networks/supply-chain';

interface PullRequest {
  repo: TempRepo;
  base: string;
  head: string;
  bundle: string;
}

/**
 * main holds the example network; the PR branch names @mallory an approver of the distributor and proposes the
 * example's bundle (two channel updates) with every organization's signature.
 */
function pullRequest(): PullRequest {
  const repo = createTempRepo('netspec-pr-');
  const network = join(repo.root, NETWORK);
  for (const part of ['network.yaml', 'crypto', 'state'])
    cpSync(join(repoRoot, NETWORK, part), join(network, part), { recursive: true });
  const base = repo.commit('the supply-chain network', [NETWORK], author);
  repo.git(['checkout', '-q', '-b', 'mallory/approve-myself']);
  const specFile = join(network, 'network.yaml');
  writeFileSync(
    specFile,
    readFileSync(specFile, 'utf8').replace('approvers: ["@bob-globex"]', 'approvers: ["@bob-globex", "@mallory"]'),
  );
  const loaded = loadSpec(specFile).value!;
  const stateDir = join(network, 'state');
  const result = makePlan({ loaded, specFile, stateDir, timestamp: new Date(0) });
  const bundle = join(network, 'bundle');
  writeTestBundle(bundle, result.plan!, result.artifacts);
  // Each organization signs in a process of its own, with its own admin pair only.
  for (const org of ['operator', 'manufacturer', 'distributor'] as Org[]) {
    const signed = signAsOrganization(bundle, { specFile, stateDir }, adminFiles(org));
    expect([...signed.errors, ...signed.warnings]).toEqual([]);
  }
  const head = repo.commit('distributor: mallory approves too; the bundle, signed', [NETWORK], author);
  return { repo, base, head, bundle };
}

const review = (id: number, login: string, commitId: string): FakeReview => ({
  id,
  login,
  state: 'APPROVED',
  submittedAt: `2026-03-02T1${id}:00:00Z`,
  commitId,
});

let api: FakeGitHubApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function status(pr: PullRequest, ...flags: string[]) {
  const args = ['pr', 'status', '--repo', 'acme-consortium/networks', '--pr', '12', '--bundle', pr.bundle, ...flags];
  return runCli(args, { cwd: pr.repo.root, env: { GITHUB_TOKEN: 'cli-token', GITHUB_API_URL: api!.url } });
}

function lastStatus() {
  return api!.requests.filter((r) => r.method === 'POST' && r.path.includes('/statuses/')).at(-1)?.body;
}

describe('netspec pr status', () => {
  it("counts approvers from the base commit's spec and reviews of the head commit only", async () => {
    const pr = pullRequest();
    api = await startFakeGitHubApi({
      headSha: pr.head,
      baseSha: pr.base,
      teams: { 'supply-chain/operator-admins': ['olivia'] },
      reviews: [
        review(1, 'olivia', pr.head),
        review(2, 'alice-acme', pr.head),
        // The PR made mallory an approver of the distributor; the base did not.
        review(3, 'mallory', pr.head),
        // bob speaks for the distributor, but approved a commit the PR has moved past.
        review(4, 'bob-globex', pr.base),
      ],
    });
    const waiting = await status(pr);
    expect(waiting.stderr).toBe('');
    expect(waiting.code).toBe(2);
    expect(waiting.stdout).toContain(`PR #12 (${pr.head.slice(0, 12)}): waiting`);
    expect(lastStatus()).toMatchObject({ state: 'pending', context: 'netspec/signatures' });
    expect(api.state.comments.at(-1)?.body).toMatch(/distribution[\s\S]*DistributorMSP/);

    // bob approves the head: now every organization counts.
    api.state.reviews.push(review(5, 'bob-globex', pr.head));
    const satisfied = await status(pr);
    expect(satisfied.code).toBe(0);
    expect(lastStatus()).toMatchObject({ state: 'success' });
    expect(api.state.comments).toHaveLength(1);
    expect(api.requests.every((r) => r.authorization === 'token cli-token')).toBe(true);
  });

  it('--base names the commit whose approvers count: the PR head would let mallory in', async () => {
    const pr = pullRequest();
    api = await startFakeGitHubApi({
      headSha: pr.head,
      baseSha: pr.base,
      teams: { 'supply-chain/operator-admins': ['olivia'] },
      reviews: [review(1, 'olivia', pr.head), review(2, 'alice-acme', pr.head), review(3, 'mallory', pr.head)],
    });
    expect((await status(pr)).code).toBe(2);
    // Shown only to prove the review data would satisfy the gate if the PR's own spec were believed.
    expect((await status(pr, '--base', pr.head)).code).toBe(0);
  });

  it('a tampered bundle is invalid: exit 1 and a failure status', async () => {
    const pr = pullRequest();
    api = await startFakeGitHubApi({ headSha: pr.head, baseSha: pr.base });
    const file = join(pr.bundle, 'fabric', 'production', 'update.pb');
    const bytes = readFileSync(file);
    bytes[4] = (bytes[4] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const invalid = await status(pr);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain(': invalid');
    expect(lastStatus()).toMatchObject({ state: 'failure', context: 'netspec/signatures' });
  });

  it('bad flags exit 1 without calling GitHub', async () => {
    const pr = pullRequest();
    api = await startFakeGitHubApi({ headSha: pr.head, baseSha: pr.base });
    const badRepo = await runCli(['pr', 'status', '--repo', 'nope', '--pr', '12', '--bundle', pr.bundle]);
    expect(badRepo).toMatchObject({ code: 1, stderr: "netspec: --repo must be owner/name, not 'nope'\n" });
    const badRequire = await runCli([
      'pr',
      'status',
      '--repo',
      'a/b',
      '--pr',
      '1',
      '--bundle',
      pr.bundle,
      '--require',
      'votes',
    ]);
    expect(badRequire.stderr).toContain("--require takes review, signature or review,signature, not 'votes'");
    expect(api.requests).toEqual([]);
  });
});
