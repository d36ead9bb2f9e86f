import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGovernanceRepo } from '../apply/git/governance-repo.js';
import { createSignedRepo, FORGED_SIGNER } from '../apply/git/signed-governance-repo.js';
import { startFakeGitHubApi } from '../apply/github/fake-github-api.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

describe('netspec history', () => {
  const repo = createGovernanceRepo();

  it('prints the governance log as text from a clone, by name or by folder', async () => {
    const byName = await runCli(['history', 'demo'], { cwd: repo.root });
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
    const lines = byName.stdout.split('\n');
    expect(lines[0]).toBe('Governance history of demo (networks/demo): 3 events');
    const merge = lines.indexOf(`${repo.commits.merge.slice(0, 12)}  2024-05-01T14:00:00+00:00  PR #12`);
    expect(merge).toBeGreaterThan(0);
    // One event, one block of lines: who, what, which signatures, which files.
    expect(lines.slice(merge + 1, lines.indexOf('', merge))).toEqual([
      '  Merge pull request #12 from c-org/add-c',
      '  proposed by Carol <carol@c.example.com>, merged by Bob <bob@b.example.com>, with commits by Alice <alice@a.example.com>',
      '  spec: organizations: +c',
      '  spec: channels: ~ch',
      '  spec: changed: description',
      `  signature: INVALID AMSP added for channel ch (bundle bundles/12): there is no networks/demo/bundles/12/fabric/ch/update.pb at ${repo.commits.merge.slice(0, 12)} for it to sign (the file claims signer 'CN=Admin@a.example.com,OU=admin')`,
      '  files: bundles/ 2 added; network.yaml modified',
    ]);
    expect(lines).toContain(
      `  applied: REWRITTEN: no plan.json in the history hashes to ${'cd'.repeat(6)}: the bundle that was applied was rewritten or never committed; channel ch at config sequence 4 on 2024-05-03T08:00:00Z, block 9, tx f00d, record lists signers AMSP, BMSP, bundle ${'cd'.repeat(6)}`,
    );
    expect(byName.stdout).not.toContain(repo.commits.other.slice(0, 12));
    const byFolder = await runCli(['history', join(repo.root, 'networks/demo/network.yaml')]);
    expect(byFolder.stdout).toBe(byName.stdout);
  });

  it('prints markdown and JSON', async () => {
    const markdown = await runCli(['history', 'networks/demo', '--format', 'markdown'], { cwd: repo.root });
    expect(markdown.stdout).toContain('## 2024-05-01 — PR #12 — Merge pull request \\#12 from c-org/add-c');
    expect(markdown.stdout).toContain(
      '- Proposed by Carol \\<carol@\u200bc.example.com\\>, merged by Bob \\<bob@\u200bb.example.com\\>',
    );
    expect(markdown.stdout).toContain('- Signature: INVALID AMSP added for channel ch');
    const json = JSON.parse((await runCli(['history', 'demo', '--format', 'json'], { cwd: repo.root })).stdout);
    expect(json.events.map((e: { pullRequest?: number }) => e.pullRequest ?? null)).toEqual([13, 12, null]);
    expect(json.events[1]).toMatchObject({
      proposer: { name: 'Carol' },
      mergedBy: { name: 'Bob' },
      signatures: [{ mspId: 'AMSP', status: 'invalid', claimedSigner: 'CN=Admin@a.example.com,OU=admin' }],
    });
    expect(json.events[1].signatures[0].signer).toBeUndefined();
  });

  it('fails clearly outside a repository or for a network no commit touches', async () => {
    expect(await runCli(['history', 'nothing-here'], { cwd: repo.root })).toMatchObject({
      code: 1,
      stderr: 'netspec: no commit touches networks/nothing-here\n',
    });
  });

  it('on a repository signed by the real CLI: a forged signature is INVALID, an amended merge REWRITTEN', {
    timeout: 120_000,
  }, async () => {
    const signed = createSignedRepo({ amendMerge: true });
    const result = await runCli(['history', 'supply-chain'], { cwd: signed.repo.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const merge = lines.findIndex((line) => line.startsWith(`${signed.commits.merge.slice(0, 12)}  `));
    expect(lines[merge]).toMatch(/ {2}PR #7$/);
    const block = lines.slice(merge, lines.indexOf('', merge));
    expect(block[1]).toBe('  Merge pull request #7 from supply-chain/retailer');
    expect(block[2]).toBe(
      '  proposed by Carol Initech <carol@retailer.supply.example.com>, merged by Olga Operator <olga@operator.supply.example.com>, with commits by Alice Acme <alice@manufacturer.supply.example.com>',
    );
    expect(block[3]).toMatch(/^ {2}REWRITTEN: the merge commit was amended or recreated: authored \S+, committed \S+$/);
    expect(block[4]).toBe(
      `  REWRITTEN: committed ${new Date((Date.parse(signed.appliedAt) / 1000 + 1800) * 1000).toISOString().slice(0, 19)}+00:00, after applied/distribution-1.json applied its bundle at ${signed.appliedAt}`,
    );
    expect(block).toContain(
      `  signature: INVALID DistributorMSP added for channel distribution (bundle bundle): the file names DistributorMSP but the signature carries an identity of ManufacturerMSP (the file claims signer '${FORGED_SIGNER}')`,
    );
    expect(block).toContainEqual(
      expect.stringMatching(
        /^ {2}signature: ManufacturerMSP added for channel distribution \(bundle bundle\), signed by O=manufacturer\.supply\.example\.com, OU=admin, CN=Admin@manufacturer\.supply\.example\.com \(the file is dated /,
      ),
    );
    expect(result.stdout).not.toContain(`signed by ${FORGED_SIGNER}`);
    expect(result.stdout).toContain('  applied: UNSIGNED: no signed bundle: at ');
    expect(result.stdout).toContain(`from bundle of PR #7 (${signed.commits.merge.slice(0, 12)})`);
  });

  describe('--github', () => {
    let close: (() => Promise<void>) | undefined;
    afterAll(async () => close?.());

    it("adds each PR's author and merger as GitHub recorded them", { timeout: 60_000 }, async () => {
      const api = await startFakeGitHubApi({
        pulls: { 12: { author: 'carol-c', mergedBy: 'bob-b' }, 13: { author: 'ci-bot' } },
      });
      close = () => api.close();
      const env = { GITHUB_TOKEN: 'history-token', GITHUB_API_URL: api.url };
      const result = await runCli(['history', 'demo', '--github', 'acme-consortium/networks'], {
        cwd: repo.root,
        env,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        '  proposed by Carol <carol@c.example.com>, merged by Bob <bob@b.example.com>, with commits by Alice <alice@a.example.com>, on GitHub opened by @carol-c and merged by @bob-b\n',
      );
      expect(result.stdout).toContain('  proposed by CI <ci@example.com>, on GitHub opened by @ci-bot\n');
      expect(api.requests.map((r) => [r.path, r.authorization])).toEqual([
        ['/repos/acme-consortium/networks/pulls/13', 'token history-token'],
        ['/repos/acme-consortium/networks/pulls/12', 'token history-token'],
      ]);

      const missing = await runCli(['history', 'demo', '--github', 'acme-consortium/other'], {
        cwd: repo.root,
        env,
      });
      expect(missing).toMatchObject({
        code: 1,
        stdout: '',
        stderr: 'netspec: cannot read pull request #13 of acme-consortium/other from GitHub (HTTP 404)\n',
      });
    });
  });
});
