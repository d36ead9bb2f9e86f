// The test orderer's judge (_orderer-judge.ts) answers as the real Fabric 2.5.9 orderer answered, status and info
// byte for byte, for every recorded CONFIG_UPDATE (test/fixtures/fabric-live): the fake orderer's verdicts are
// then evidence about netspec, not netspec's own opinion repeated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mustDecode } from '../../../src/apply/fabric/signed-envelopes.js';
import { configBlockInfo, toJson } from '../../../src/compiler/fabric/index.js';
import { type ChannelConfig, judgeConfigUpdate, submitterProblem } from './_orderer-judge.js';

const LIVE = join(import.meta.dirname, '..', '..', 'fixtures', 'fabric-live');

/** The block each submission met (responses.tsv, column `submitted_when`). */
const BLOCK_MET: Record<string, string> = {
  'u1-batchtimeout-2s-1s.pb': 'seq0',
  'u3-batchtimeout-2s-3s-stale.pb': 'seq1',
  'u2-org2-add-auditors-policy.pb': 'seq1',
  'u4-org2-anchorpeer-stale-readset.pb': 'seq2',
  'u5-submitter-not-a-member.pb': 'seq2',
  'u5-unsigned-envelope.pb': 'seq2',
  'u7-org2-anchorpeer-signed-by-org1.pb': 'seq2',
};

function configOf(block: string): ChannelConfig {
  const bytes = new Uint8Array(readFileSync(join(LIVE, 'blocks', `pubdemo-config-${block}.block`)));
  return toJson('common.Config', configBlockInfo(bytes).value!.config).value as unknown as ChannelConfig;
}

/** What the fake orderer answers for a CONFIG_UPDATE on an existing channel. */
function answer(config: ChannelConfig, envelopeBytes: Uint8Array): { status: number; info: string } {
  const writers = submitterProblem(config, envelopeBytes);
  if (writers)
    return {
      status: 403,
      info: `config update for existing channel did not pass initial checks: ${writers}: permission denied`,
    };
  const payload = mustDecode('common.Payload', mustDecode('common.Envelope', envelopeBytes).payload as Uint8Array);
  const { status, info } = judgeConfigUpdate(config, 'pubdemo', payload.data as Uint8Array);
  return { status, info };
}

const recorded = readFileSync(join(LIVE, 'broadcast', 'responses.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([, envelope, , status, , info]) => ({ envelope: envelope!, status: Number(status), info: info ?? '' }));

describe("the test orderer's judge answers as Fabric 2.5.9 did", () => {
  // u6 names a channel the orderer does not have: the fake answers that before any judging.
  for (const submission of recorded.filter((r) => BLOCK_MET[r.envelope])) {
    it(`${submission.envelope}: ${submission.status} ${submission.info.slice(0, 60)}`, () => {
      const bytes = new Uint8Array(readFileSync(join(LIVE, 'broadcast', submission.envelope)));
      expect(answer(configOf(BLOCK_MET[submission.envelope]!), bytes)).toEqual({
        status: submission.status,
        info: submission.info,
      });
    });
  }
});
