import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHubApi, startFakeGitHubApi } from '../apply/github/fake-github-api.js';
import { signature, verifyReport, writeGovernanceBundle } from '../apply/github/governance-bundle.js';
import { runCli, runCliAsync as runCliInBackground } from '../helpers/run-cli.js';

function reportFile(report: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'netspec-pr-report-')), 'report.json');
  writeFileSync(file, JSON.stringify(report));
  return file;
}

let api: FakeGitHubApi;
beforeEach(async () => {
  api = await startFakeGitHubApi({
    reviews: [
      { id: 1, login: 'alice-acme', state: 'APPROVED', submittedAt: '2024-05-01T10:00:00Z' },
      { id: 2, login: 'bob-globex', state: 'APPROVED', submittedAt: '2024-05-01T11:00:00Z' },
    ],
  });
});
afterEach(async () => {
  await api.close();
});

const runCliAsync = (args: string[], env: Record<string, string>) => runCliInBackground(args, { env });

describe('netspec pr status', () => {
  const args = (bundle: string, report: string) => [
    'pr',
    'status',
    '--repo',
    'acme-consortium/networks',
    '--pr',
    '12',
    '--bundle',
    bundle,
    '--verify-report',
    report,
  ];
  const env = () => ({ GITHUB_TOKEN: 'cli-token', GITHUB_API_URL: api.url });

  it('exits 2 while waiting and 0 once satisfied, through the same comment', async () => {
    const bundle = writeGovernanceBundle();
    const waiting = await runCliAsync(
      args(bundle, reportFile(verifyReport([signature('ManufacturerMSP', true)]))),
      env(),
    );
    expect(waiting.stderr).toBe('');
    expect(waiting.code).toBe(2);
    expect(waiting.stdout).toContain('PR #12 (6dcb09b5b578): waiting');
    expect(waiting.stdout).toContain('comment created');
    const both = verifyReport([signature('ManufacturerMSP', true), signature('DistributorMSP', true)]);
    const satisfied = await runCliAsync(args(bundle, reportFile(both)), env());
    expect(satisfied.code).toBe(0);
    expect(satisfied.stdout).toContain('comment updated');
    expect(api.state.comments).toHaveLength(1);
    expect(api.requests.every((r) => r.authorization === 'token cli-token')).toBe(true);
  });

  it("without --verify-report runs netspec's own verifier, which refuses a bundle the spec does not re-plan to", async () => {
    const bundle = writeGovernanceBundle();
    const args = ['pr', 'status', '--repo', 'acme-consortium/networks', '--pr', '12', '--bundle', bundle];
    const result = await runCliAsync(args, env());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': invalid');
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      body: { state: 'failure', context: 'netspec/signatures' },
    });
  });

  it('exits 1 for an invalid bundle and for bad flags, without calling GitHub for the latter', async () => {
    const bundle = writeGovernanceBundle();
    const invalid = await runCliAsync(
      args(bundle, reportFile(verifyReport([], ['stale: sequence 3 is no longer live']))),
      env(),
    );
    expect(invalid.code).toBe(1);
    expect(api.requests.at(-1)?.body).toMatchObject({ state: 'failure' });
    const count = api.requests.length;
    const badRepo = runCli(['pr', 'status', '--repo', 'nope', '--pr', '12', '--bundle', bundle], { env: env() });
    expect(badRepo).toMatchObject({ code: 1, stderr: "netspec: --repo must be owner/name, not 'nope'\n" });
    const badRequire = runCli(
      ['pr', 'status', '--repo', 'a/b', '--pr', '1', '--bundle', bundle, '--require', 'votes'],
      { env: env() },
    );
    expect(badRequire.stderr).toContain("--require takes review, signature or review,signature, not 'votes'");
    expect(api.requests.length).toBe(count);
  });
});
