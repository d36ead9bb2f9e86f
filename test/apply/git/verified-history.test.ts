// The governance log as an audit record, on a real repository planned and signed by the real CLI: signatures are
// verified (a forged file is INVALID, never "signed by"), the proposer and the merger are told apart, the apply
// record is joined to the PR whose bundle it applied and flagged when that bundle was not signed enough, and an
// amended merge is REWRITTEN.
import { describe, expect, it } from 'vitest';
import { readGovernanceHistory } from '../../../src/apply/git/index.js';
import { createSignedRepo, FORGED_SIGNER, NET, people, SIGNATURES } from './signed-governance-repo.js';

const MANUFACTURER_SUBJECT = 'O=manufacturer.supply.example.com, OU=admin, CN=Admin@manufacturer.supply.example.com';

describe('readGovernanceHistory verifies what it shows', { timeout: 120_000 }, () => {
  it('a signature file committed after the merge is INVALID; the PR author and the merger are apart', async () => {
    const { repo, commits, bundleHash } = createSignedRepo();
    const history = await readGovernanceHistory({ repoRoot: repo.root, networkPath: NET });
    expect(history.events.map((event) => event.commit)).toEqual([
      commits.applied,
      commits.forged,
      commits.merge,
      commits.initial,
    ]);
    const [applied, forged, merge] = history.events;

    expect(merge).toMatchObject({
      pullRequest: 7,
      proposer: people.carol,
      mergedBy: people.operator,
      contributors: [people.carol, people.alice],
    });
    expect(merge?.rewritten).toBeUndefined();
    expect(merge?.signatures).toEqual([
      expect.objectContaining({
        path: `${SIGNATURES}/ManufacturerMSP.json`,
        mspId: 'ManufacturerMSP',
        status: 'valid',
        signer: MANUFACTURER_SUBJECT,
      }),
    ]);

    expect(forged?.proposer).toEqual(people.mallory);
    expect(forged?.mergedBy).toBeUndefined();
    expect(forged?.signatures).toEqual([
      expect.objectContaining({
        path: `${SIGNATURES}/DistributorMSP.json`,
        mspId: 'DistributorMSP',
        status: 'invalid',
        reason: 'the file names DistributorMSP but the signature carries an identity of ManufacturerMSP',
        claimedSigner: FORGED_SIGNER,
      }),
    ]);
    expect(forged?.signatures[0]?.signer).toBeUndefined();

    // The record is joined to PR #7 by its plan.json hash, and flagged: one valid signature of the two needed.
    expect(applied?.applied).toEqual([
      expect.objectContaining({
        bundleHash,
        producedBy: { commit: commits.merge, bundle: 'bundle', pullRequest: 7 },
        unsigned: expect.stringContaining(
          'the bundle holds 1 valid signature for channel distribution (/Channel/Application/Admins 1 of 2: waiting for DistributorMSP)',
        ),
      }),
    ]);
    expect(applied?.applied[0]?.rewritten).toBeUndefined();
  });

  it('an amended merge is REWRITTEN, and the forged file it now carries is still INVALID', async () => {
    const { repo, commits, appliedAt } = createSignedRepo({ amendMerge: true });
    const history = await readGovernanceHistory({ repoRoot: repo.root, networkPath: NET });
    expect(history.events.map((event) => event.commit)).toEqual([commits.applied, commits.merge, commits.initial]);
    const [applied, merge] = history.events;
    expect(merge?.rewritten).toEqual([
      expect.stringMatching(/^the merge commit was amended or recreated: authored \S+, committed \S+$/),
      expect.stringContaining(`after applied/distribution-1.json applied its bundle at ${appliedAt}`),
    ]);
    expect(merge?.signatures.map((signature) => [signature.mspId, signature.status])).toEqual([
      ['DistributorMSP', 'invalid'],
      ['ManufacturerMSP', 'valid'],
    ]);
    expect(merge).toMatchObject({ proposer: people.carol, mergedBy: people.operator });
    expect(applied?.applied[0]?.producedBy?.commit).toBe(commits.merge);
  });
});
