import { describe, expect, it } from 'vitest';
import { pullRequestNumber, readGovernanceHistory, summarizeSpecChange } from '../../../src/apply/git/index.js';
import { APPLY_RECORD, createGovernanceRepo, SIGNATURE, SPEC_V1, SPEC_V2 } from './governance-repo.js';

describe('readGovernanceHistory on a real repository', () => {
  const repo = createGovernanceRepo();

  it('lists the main-line commits that touched the network, newest first, one event per merged PR', async () => {
    const history = await readGovernanceHistory({ repoRoot: repo.root, networkPath: 'networks/demo' });
    expect(history.network).toBe('demo');
    expect(history.events.map((e) => [e.commit, e.pullRequest])).toEqual([
      [repo.commits.applied, 13],
      [repo.commits.merge, 12],
      [repo.commits.initial, undefined],
    ]);
    const [applied, merge, initial] = history.events;

    expect(initial).toMatchObject({
      author: { name: 'Alice', email: 'alice@a.example.com' },
      proposer: { name: 'Alice', email: 'alice@a.example.com' },
      date: '2024-05-01T11:00:00+00:00',
      parents: [],
      specChanges: ['network.yaml added (2 organizations, 1 channel)'],
      signatures: [],
      applied: [],
    });

    // Bob pressed merge; Carol opened the PR, Alice added a commit to it.
    expect(merge?.author).toEqual({ name: 'Bob', email: 'bob@b.example.com' });
    expect(merge?.mergedBy).toEqual({ name: 'Bob', email: 'bob@b.example.com' });
    expect(merge?.proposer).toEqual({ name: 'Carol', email: 'carol@c.example.com' });
    expect(merge?.contributors).toEqual([
      { name: 'Carol', email: 'carol@c.example.com' },
      { name: 'Alice', email: 'alice@a.example.com' },
    ]);
    expect(merge?.parents).toHaveLength(2);
    expect(merge?.specChanges).toEqual(['organizations: +c', 'channels: ~ch', 'changed: description']);
    expect(merge?.files).toEqual([
      { status: 'A', path: 'bundles/12/plan.json' },
      { status: 'A', path: 'bundles/12/signatures/ch/AMSP.json' },
      { status: 'M', path: 'network.yaml' },
    ]);
    expect(merge?.signatures).toEqual([
      {
        path: 'networks/demo/bundles/12/signatures/ch/AMSP.json',
        change: 'added',
        bundle: 'bundles/12',
        channel: 'ch',
        mspId: 'AMSP',
        // The file says who signed; nothing it could be checked against was committed: it is no signature.
        status: 'invalid',
        reason: `there is no networks/demo/bundles/12/fabric/ch/update.pb at ${repo.commits.merge.slice(0, 12)} for it to sign`,
        claimedSigner: SIGNATURE.signer,
        signedAt: SIGNATURE.signedAt,
        updateHash: SIGNATURE.updateSha256,
      },
    ]);

    expect(applied?.specChanges).toEqual([]);
    expect(applied?.applied).toEqual([
      {
        path: 'networks/demo/applied/ch-4.json',
        ...APPLY_RECORD,
        rewritten: `no plan.json in the history hashes to ${'cd'.repeat(6)}: the bundle that was applied was rewritten or never committed`,
      },
    ]);
  });

  it('reads the history as of an older revision', async () => {
    const history = await readGovernanceHistory({
      repoRoot: repo.root,
      networkPath: 'networks/demo',
      revision: repo.commits.merge,
    });
    expect(history.events.map((e) => e.commit)).toEqual([repo.commits.merge, repo.commits.initial]);
  });
});

describe('pullRequestNumber', () => {
  it('reads merge and squash subjects, and nothing else', () => {
    expect(pullRequestNumber('Merge pull request #12 from acme/add-c')).toBe(12);
    expect(pullRequestNumber('Add retailer (#345)')).toBe(345);
    expect(pullRequestNumber('Fix #12 in the docs')).toBeUndefined();
    expect(pullRequestNumber('Merge branch main')).toBeUndefined();
  });
});

describe('summarizeSpecChange', () => {
  it('names added, removed and changed entries per section', () => {
    expect(summarizeSpecChange(SPEC_V2, SPEC_V1)).toEqual([
      'organizations: -c',
      'channels: ~ch',
      'changed: description',
    ]);
    expect(summarizeSpecChange(SPEC_V1, SPEC_V1)).toEqual([]);
    expect(summarizeSpecChange(SPEC_V1, undefined)).toEqual(['network.yaml removed']);
    expect(summarizeSpecChange(SPEC_V1, 'a: [')).toEqual(['network.yaml changed (one side does not parse as YAML)']);
  });
});
