// netspec's verdict on every CONFIG_UPDATE envelope a real Fabric 2.5.9 orderer judged (test/fixtures/fabric-live),
// against the config block the envelope met: the orderer's SUCCESS is netspec's `satisfied`, its refusals are
// never `satisfied`, and each refusal is refused for the orderer's reason (stale read set, stale version, a policy
// the signatures do not satisfy, another channel).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyEnvelope } from '../../src/governance/index.js';

const LIVE = join(import.meta.dirname, '..', 'fixtures', 'fabric-live');

interface Recorded {
  order: number;
  envelope: string;
  status: number;
  statusName: string;
  info: string;
}

const recorded: Recorded[] = readFileSync(join(LIVE, 'broadcast', 'responses.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [order, envelope, , status, statusName, info] = line.split('\t');
    return {
      order: Number(order),
      envelope: envelope!,
      status: Number(status),
      statusName: statusName!,
      info: info ?? '',
    };
  });

/**
 * The config block each envelope met (from the README's `submitted_when` column), and what netspec must say about
 * it beyond satisfied / not: the status, and a problem or waiting organization naming the orderer's reason.
 */
const cases: Record<string, { block: string; status: 'satisfied' | 'waiting' | 'invalid'; because?: RegExp }> = {
  'u1-batchtimeout-2s-1s.pb': { block: 'seq0', status: 'satisfied' },
  // The orderer: "attempt to set key [Value]  /Channel/Orderer/BatchTimeout to version 1, but key is at version 1".
  'u3-batchtimeout-2s-3s-stale.pb': {
    block: 'seq1',
    status: 'invalid',
    because: /NS_UPDATE_STALE .*(Orderer\/BatchTimeout|stale)/,
  },
  'u2-org2-add-auditors-policy.pb': { block: 'seq1', status: 'satisfied' },
  // "error validating ReadSet: proposed update requires that key [Group]  /Channel/Application/Org2MSP be at version 0".
  'u4-org2-anchorpeer-stale-readset.pb': {
    block: 'seq2',
    status: 'invalid',
    because:
      /NS_UPDATE_STALE stale: \/Channel\/Application\/Org2MSP is at version 1 in the live config, the update read version 0/,
  },
  // Refused by the SigFilter for its submitter (Org3MSP is no member); its one ConfigSignature is Org3's too.
  'u5-submitter-not-a-member.pb': { block: 'seq2', status: 'waiting', because: /Org2MSP/ },
  'u5-unsigned-envelope.pb': { block: 'seq2', status: 'waiting', because: /Org2MSP/ },
  // "channel creation request not allowed": no channel nosuchchannel; judged against pubdemo's block it is refused.
  'u6-unknown-channel.pb': { block: 'seq2', status: 'invalid', because: /NS_ENVELOPE_MISMATCH .*for channel/ },
  // "policy for [Value]  /Channel/Application/Org2MSP/AnchorPeers not satisfied": signed by Org1's admin only.
  'u7-org2-anchorpeer-signed-by-org1.pb': { block: 'seq2', status: 'waiting', because: /Org2MSP/ },
};

describe("netspec's verdict is the Fabric 2.5.9 orderer's, envelope by envelope", () => {
  it('covers every recorded submission', () => {
    expect(recorded.map((r) => r.envelope).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const submission of recorded) {
    const expected = cases[submission.envelope]!;
    it(`${submission.order}. ${submission.envelope}: orderer ${submission.status} ${submission.statusName}`, () => {
      const bytes = new Uint8Array(readFileSync(join(LIVE, 'broadcast', submission.envelope)));
      const block = join(LIVE, 'blocks', `pubdemo-config-${expected.block}.block`);
      const report = verifyEnvelope(bytes, block);
      expect(report.status === 'satisfied').toBe(submission.status === 200);
      expect(report.status).toBe(expected.status);
      if (expected.because) {
        const coded = (problems: readonly { code: string; message: string }[]) =>
          problems.map((problem) => `${problem.code} ${problem.message}`);
        const reasons = [
          ...coded(report.problems ?? []),
          ...report.updates.flatMap((update) => [
            ...coded(update.problems),
            ...update.requirements.flatMap((r) => r.waitingFor),
          ]),
        ];
        expect(reasons.join('\n')).toMatch(expected.because);
      }
    });
  }
});
