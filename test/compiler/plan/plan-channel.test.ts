import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChannelConfig, configFromBlock, encode } from '../../../src/compiler/fabric/index.js';
import { type LoadedSpec, loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

// configtxgen's own genesis block for Fabric's sample channel; sample-network.yaml is its network.yaml equivalent.
const fixtures = join(repoRoot, 'test/fixtures/fabric');
const specFile = join(fixtures, 'sample-network.yaml');
const block = readFileSync(join(fixtures, 'genesis.block'));

function planSample(change: (loaded: LoadedSpec) => void = () => {}) {
  const state = mkdtempSync(join(tmpdir(), 'netspec-plan-channel-'));
  mkdirSync(join(state, 'fabric'));
  writeFileSync(join(state, 'fabric/mychannel.block'), block);
  const loaded = loadSpec(specFile).value!;
  change(loaded);
  return makePlan({ loaded, specFile, stateDir: state, timestamp: new Date(0) });
}

describe('planChannel against a config Fabric encoded', () => {
  it('sees no change where the live bytes differ from ours only in map order', () => {
    // The premise: Go wrote the maps inside this config in another order than our encoder does.
    const live = encode('common.Config', configFromBlock(block).value!).value!;
    const model = loadSpec(specFile).value!.model;
    const ours = encode('common.Config', buildChannelConfig(model, 'mychannel').value!.message).value!;
    expect(live.length).toBe(ours.length);
    expect(Buffer.from(live).equals(Buffer.from(ours))).toBe(false);

    const result = planSample();
    expect(result.diagnostics).toEqual([]);
    expect(result.plan!.channels[0]).toMatchObject({
      channel: 'mychannel',
      action: 'noop',
      baseSequence: '0',
      delta: [],
    });
  });

  it('finds the one real change beside those map-order differences', () => {
    const result = planSample(({ model }) => {
      model.channels[0]!.orderer.batchSize.maxMessageCount = 7;
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.plan!.channels[0]!.delta.map((d) => [d.path, d.change])).toEqual([
      ['/Channel/Orderer/BatchSize', 'modify'],
    ]);
  });
});
