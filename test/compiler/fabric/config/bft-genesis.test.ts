// A BFT channel's genesis block against Fabric 3.1.5's configtxgen output for the same inputs
// (test/fixtures/fabric3: profile SampleAppChannelSmartBft, restated as bft-network.yaml).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bftQuorum } from '../../../../src/compiler/fabric/config/bft-block-validation.js';
import { buildGenesisBlock, decode, type Json, toJson } from '../../../../src/compiler/fabric/index.js';
import type { NetworkSpec } from '../../../../src/compiler/model/index.js';
import { normalize } from '../../../../src/compiler/model/index.js';
import { parseYaml } from '../../../../src/compiler/parse/index.js';
import { repoRoot } from '../../../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../../../helpers/run-cli-in-process.js';

const fixtures = join(repoRoot, 'test/fixtures/fabric3');
const specFile = join(fixtures, 'bft-network.yaml');
const model = normalize(
  parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec,
  dirname(specFile),
);

// biome-ignore lint/suspicious/noExplicitAny: tests walk decoded JSON by known paths
function configOf(bytes: Uint8Array): any {
  const block = toJson('common.Block', decode('common.Block', bytes).value!).value as Json;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return structuredClone((block as any).data.data[0].payload.data.config);
}

describe('BFT channel genesis block', () => {
  const ours = configOf(buildGenesisBlock(model, 'mychannel', new Date('2026-12-01T00:00:00Z')).value!);
  const theirs = configOf(new Uint8Array(readFileSync(join(fixtures, 'genesis.block'))));

  it("decodes to the config of configtxgen's block, but for the sample profile's consortium name", async () => {
    // SampleAppChannelSmartBft names `Consortium: SampleConsortium`, a system-channel leftover netspec never writes.
    expect(theirs.channel_group.values.Consortium.value).toEqual({ name: 'SampleConsortium' });
    delete theirs.channel_group.values.Consortium;
    expect(ours).toEqual(theirs);
  });

  it('writes V3_0, the consenter mapping, SmartBFT options and no global orderer addresses', async () => {
    expect(ours.channel_group.values.Capabilities.value.capabilities).toEqual({ V3_0: {} });
    expect(ours.channel_group.values.OrdererAddresses).toBeUndefined();
    const orderer = ours.channel_group.groups.Orderer;
    expect(orderer.values.ConsensusType.value.type).toBe('BFT');
    expect(orderer.values.Orderers.value.consenter_mapping.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 4]);
    expect(orderer.policies.BlockValidation.policy.value.rule.n_out_of.n).toBe(3);
  });
});

describe('netspec genesis for a valid BFT channel spec (bft-channel.yaml)', () => {
  it("writes configtxgen's config, with the consenters in the channel's own orderer organization", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-bft-'));
    try {
      const output = join(dir, 'genesis.block');
      const result = await runCli(
        ['genesis', join(fixtures, 'bft-channel.yaml'), '--channel', 'mychannel', '--output', output],
        {
          env: { SOURCE_DATE_EPOCH: '1764547200' },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const ours = configOf(new Uint8Array(readFileSync(output)));
      const theirs = configOf(new Uint8Array(readFileSync(join(fixtures, 'genesis.block'))));
      delete theirs.channel_group.values.Consortium;
      // The one input that differs: each consenter's MSP (and so each BlockValidation principal's) is SampleOrg.
      const orderer = theirs.channel_group.groups.Orderer;
      for (const consenter of orderer.values.Orderers.value.consenter_mapping) consenter.msp_id = 'SampleOrg';
      for (const identity of orderer.policies.BlockValidation.policy.value.identities)
        identity.principal.mspid = 'SampleOrg';
      expect(ours).toEqual(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BFT block quorum (policies.ComputeBFTQuorum)', () => {
  it.each([
    [1, 1],
    [3, 2],
    [4, 3],
    [5, 4],
    [6, 4],
    [7, 5],
    [10, 7],
  ])('%i consenters need %i signatures', (n, quorum) => {
    expect(bftQuorum(n)).toBe(quorum);
  });
});
