import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGovernanceRepo } from '../apply/git/governance-repo.js';
import { runCli } from '../helpers/run-cli.js';

describe('netspec history', () => {
  const repo = createGovernanceRepo();

  it('prints the governance log as text from a clone, by name or by folder', () => {
    const byName = runCli(['history', 'demo'], { cwd: repo.root });
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
    const lines = byName.stdout.split('\n');
    expect(lines[0]).toBe('Governance history of demo (networks/demo): 3 events');
    expect(lines).toContain(
      `${repo.commits.merge.slice(0, 12)}  2024-05-01T14:00:00+00:00  PR #12  Bob <bob@b.example.com>`,
    );
    expect(lines).toContain('  spec: organizations: +c');
    expect(lines).toContain(
      '  signature: AMSP added for channel ch (bundle bundles/12), signer CN=Admin@a.example.com,OU=admin, signed 2024-05-02T09:30:00Z',
    );
    expect(lines).toContain(
      `  applied: channel ch at config sequence 4 on 2024-05-03T08:00:00Z, block 9, tx f00d, signed by AMSP, BMSP, bundle ${'cd'.repeat(6)}`,
    );
    expect(byName.stdout).not.toContain(repo.commits.other.slice(0, 12));
    const byFolder = runCli(['history', join(repo.root, 'networks/demo/network.yaml')]);
    expect(byFolder.stdout).toBe(byName.stdout);
  });

  it('prints markdown and JSON', () => {
    const markdown = runCli(['history', 'networks/demo', '--format', 'markdown'], { cwd: repo.root });
    expect(markdown.stdout).toContain('## 2024-05-01 — PR #12 — Merge pull request \\#12 from c-org/add-c');
    const json = JSON.parse(runCli(['history', 'demo', '--format', 'json'], { cwd: repo.root }).stdout);
    expect(json.events.map((e: { pullRequest?: number }) => e.pullRequest ?? null)).toEqual([13, 12, null]);
  });

  it('fails clearly outside a repository or for a network no commit touches', () => {
    expect(runCli(['history', 'nothing-here'], { cwd: repo.root })).toMatchObject({
      code: 1,
      stderr: 'netspec: no commit touches networks/nothing-here\n',
    });
  });
});
