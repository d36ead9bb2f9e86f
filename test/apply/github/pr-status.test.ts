import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMENT_MARKER,
  createGitHubClient,
  runPullRequestStatus,
  STATUS_CONTEXT,
} from '../../../src/apply/github/index.js';
import type { GateCondition } from '../../../src/apply/github/signature-gate.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { VerifyReport } from '../../../src/governance/verify-report.js';
import { readTestBundle } from '../../helpers/bundle-fixture.js';
import { type FakeGitHubApi, startFakeGitHubApi } from './fake-github-api.js';
import { PLAN_MARKDOWN, SPEC, signature, verifyReport, writeGovernanceBundle } from './governance-bundle.js';

const model = () => {
  const loaded = loadSpec(SPEC);
  if (!loaded.value) throw new Error('the example spec must load');
  return loaded.value.model;
};

let api: FakeGitHubApi;
let bundle: string;

beforeEach(async () => {
  bundle = writeGovernanceBundle();
  api = await startFakeGitHubApi({
    reviews: [
      // dave speaks for Acme through the @acme/fabric-admins team.
      { id: 1, login: 'dave', state: 'APPROVED', submittedAt: '2024-05-01T10:00:00Z' },
      // A later COMMENTED review does not revoke bob's approval.
      { id: 2, login: 'bob-globex', state: 'APPROVED', submittedAt: '2024-05-01T11:00:00Z' },
      { id: 3, login: 'bob-globex', state: 'COMMENTED', submittedAt: '2024-05-01T12:00:00Z' },
      // carol approved, then asked for changes: her latest verdict stands.
      { id: 4, login: 'carol-initech', state: 'APPROVED', submittedAt: '2024-05-01T09:00:00Z' },
      { id: 5, login: 'carol-initech', state: 'CHANGES_REQUESTED', submittedAt: '2024-05-01T13:00:00Z' },
      // mallory is nobody's approver and no team member.
      { id: 6, login: 'mallory', state: 'APPROVED', submittedAt: '2024-05-01T14:00:00Z' },
    ],
    files: [
      { filename: 'networks/supply-chain/bundles/7/signatures/distribution/ManufacturerMSP.json', status: 'added' },
      { filename: 'networks/supply-chain/network.yaml', status: 'modified' },
    ],
    teams: { 'acme/fabric-admins': ['dave'] },
  });
});

afterEach(async () => {
  await api.close();
});

function run(report: VerifyReport, require: GateCondition[] = ['review', 'signature']) {
  return runPullRequestStatus({
    octokit: createGitHubClient({ token: 'test-token', baseUrl: api.url }),
    pullRequest: { owner: api.state.owner, repo: api.state.repo, pullNumber: api.state.pullNumber },
    bundle: readTestBundle(bundle),
    report,
    organizationsAt: async () => model().organizations,
    require,
  });
}

const repo = '/repos/acme-consortium/networks';

describe('netspec pr status against a GitHub API', () => {
  it('first run creates the comment and sets pending; the next run edits the same comment and sets success', async () => {
    // Distributor's signature was made by a non-admin: it must not count although bob approved.
    const waiting = await run(
      verifyReport([
        signature('ManufacturerMSP', true),
        signature('DistributorMSP', false, 'not an admin of DistributorMSP'),
      ]),
    );
    expect(waiting.gate.status).toBe('waiting');
    expect(waiting.comment.action).toBe('created');

    const calls = api.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      `GET ${repo}/pulls/12`,
      `GET ${repo}/pulls/12/reviews`,
      `GET ${repo}/pulls/12/files`,
      // Every team is asked about every login whose standing verdict is an approval (carol's is not).
      ...['bob-globex', 'dave', 'mallory'].map(
        (login) => `GET /orgs/supply-chain/teams/operator-admins/memberships/${login}`,
      ),
      ...['bob-globex', 'dave', 'mallory'].map((login) => `GET /orgs/acme/teams/fabric-admins/memberships/${login}`),
      `GET ${repo}/issues/12/comments`,
      `POST ${repo}/issues/12/comments`,
      `POST ${repo}/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e`,
    ]);
    expect(api.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
    const created = api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/comments'))?.body as {
      body: string;
    };
    expect(created.body.startsWith(`${COMMENT_MARKER}\n${PLAN_MARKDOWN.trimEnd()}`)).toBe(true);
    expect(created.body).toContain('| manufacturer | ManufacturerMSP | approved by @dave | valid | yes |');
    expect(created.body).toContain(
      '| distributor | DistributorMSP | approved by @bob-globex | rejected: not an admin of DistributorMSP | no |',
    );
    expect(created.body).toContain('| retailer | RetailerMSP | — | — | no |');
    expect(created.body).toContain('waiting for DistributorMSP, RetailerMSP');
    expect(created.body).toContain('`networks/supply-chain/bundles/7/signatures/distribution/ManufacturerMSP.json`');
    expect(created.body).not.toContain('OperatorMSP |');
    expect(api.requests.at(-1)?.body).toEqual({
      state: 'pending',
      context: STATUS_CONTEXT,
      description: '0 of 1 policies satisfied; waiting for DistributorMSP, RetailerMSP',
    });

    api.requests.length = 0;
    const satisfied = await run(verifyReport([signature('ManufacturerMSP', true), signature('DistributorMSP', true)]));
    expect(satisfied.gate.status).toBe('satisfied');
    expect(satisfied.comment).toEqual({ action: 'updated', id: waiting.comment.id });
    const edit = api.requests.find((r) => r.method === 'PATCH');
    expect(edit?.path).toBe(`${repo}/issues/comments/${waiting.comment.id}`);
    expect((edit?.body as { body: string } | undefined)?.body).toContain(
      '| distributor | DistributorMSP | approved by @bob-globex | valid | yes |',
    );
    expect(api.requests.some((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toBe(false);
    expect(api.requests.at(-1)?.body).toEqual({
      state: 'success',
      context: STATUS_CONTEXT,
      description: '1 of 1 policies satisfied',
    });
    expect(api.state.comments).toHaveLength(1);

    // Nothing changed: the comment is left alone (no PATCH), the status is still set.
    api.requests.length = 0;
    const again = await run(verifyReport([signature('ManufacturerMSP', true), signature('DistributorMSP', true)]));
    expect(again.comment).toEqual({ action: 'unchanged', id: waiting.comment.id });
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(api.requests.at(-1)?.method).toBe('POST');
  });

  it('finds the marked comment among others and edits only it', async () => {
    api.state.comments.push(
      { id: 7, body: 'LGTM', login: 'bob-globex' },
      { id: 8, body: `${COMMENT_MARKER}\nold plan`, login: 'netspec-bot' },
    );
    const result = await run(verifyReport([signature('ManufacturerMSP', true)]));
    expect(result.comment).toEqual({ action: 'updated', id: 8 });
    expect(api.state.comments.find((c) => c.id === 7)?.body).toBe('LGTM');
  });

  it('a valid signature without the org approving review does not count; with --require signature it does', async () => {
    const report = verifyReport([signature('ManufacturerMSP', true), signature('RetailerMSP', true)]);
    // carol's latest review asks for changes: RetailerMSP does not count with the default requirement.
    expect((await run(report)).gate.status).toBe('waiting');
    const signatureOnly = await run(report, ['signature']);
    expect(signatureOnly.gate.status).toBe('satisfied');
    expect(api.requests.at(-1)?.body).toMatchObject({ state: 'success' });
  });

  it('a pending team invitation is not membership', async () => {
    api.state.teams = {};
    api.state.pendingTeamMembers = { 'acme/fabric-admins': ['dave'] };
    const result = await run(verifyReport([signature('ManufacturerMSP', true), signature('DistributorMSP', true)]));
    const manufacturer = result.gate.channels[0]?.organizations.find((o) => o.mspId === 'ManufacturerMSP');
    expect(manufacturer).toMatchObject({ approvedBy: [], signed: true, counts: false });
    expect(result.gate.status).toBe('waiting');
  });

  it('a tampered bundle sets a failure status whatever the reviews say', async () => {
    const result = await run(
      verifyReport(
        [signature('ManufacturerMSP', true), signature('DistributorMSP', true)],
        [
          {
            code: 'NS_BUNDLE_TAMPERED',
            severity: 'error',
            message: 'update.pb differs from the re-planned update (tampered)',
          },
        ],
      ),
    );
    expect(result.gate.status).toBe('invalid');
    expect(api.requests.at(-1)?.body).toEqual({
      state: 'failure',
      context: STATUS_CONTEXT,
      description: 'invalid bundle: update.pb differs from the re-planned update (tampered)',
    });
  });
});
