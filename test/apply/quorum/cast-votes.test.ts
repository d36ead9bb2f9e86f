// castVotes against a local JSON-RPC server: each org votes only from its own validators, a change lands once more
// than half of the validators voted, a step already in effect is skipped, and the calls are exactly these.
import { afterEach, describe, expect, it } from 'vitest';
import { castVotes, type VoteEvent } from '../../../src/apply/quorum/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/network-model.js';
import { addressFromPublicKey, buildVotesFile } from '../../../src/compiler/quorum/index.js';
import { testPublicKey, writeQuorumSpec } from '../../compiler/quorum/_quorum-spec.js';
import { type FakeQuorumNetwork, startFakeQuorumNetwork } from './_fake-quorum-node.js';

const address = (seed: number) => addressFromPublicKey(testPublicKey(seed));
const NODES = { validator1: address(1), validator2: address(2), validator3: address(3), validator4: address(4) };
const GENESIS_SET = [1, 2, 3, 4].map(address);

/** The test spec with validator5 (retailer) added to payments, and every payments node's RPC at the fake server. */
function specWithNewValidator(fake: FakeQuorumNetwork, network = 'payments'): NetworkModel {
  const file = writeQuorumSpec((yaml) =>
    yaml
      .replace(
        '    members:\n      - { name: member1',
        `      - { name: validator5, organization: retailer, publicKey: "${testPublicKey(6)}" }\n    members:\n      - { name: member1`,
      )
      .replace(
        /^connection:\n/m,
        `connection:\n  endpoints:\n${Object.keys(NODES)
          .map((node) => `    ${network}/${node}: { url: "${fake.url(node)}" }\n`)
          .join('')}`,
      ),
  );
  const loaded = loadSpec(file);
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.value.model;
}

let fake: FakeQuorumNetwork | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(model: NetworkModel, org: string, extra: { dryRun?: boolean } = {}) {
  const network = model.quorum.find((candidate) => candidate.name === 'payments')!;
  const votes = buildVotesFile(network, { validators: GENESIS_SET, blockNumber: 10 });
  const events: VoteEvent[] = [];
  const outcome = await castVotes({
    org,
    model,
    network,
    votes,
    timeoutMs: 300,
    pollIntervalMs: 20,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { outcome, events, votes };
}

describe('castVotes (Besu QBFT)', () => {
  it('plans one add step for the new validator', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { votes } = await run(specWithNewValidator(fake), 'operator');
    expect(votes!.steps).toEqual([
      {
        action: 'add',
        address: address(6),
        name: 'validator5',
        owner: 'retailer',
        before: { n: 4, f: 1 },
        after: { n: 5, f: 1 },
        warnings: [],
      },
    ]);
  });

  it('each org votes from its own validators; the change lands after the third vote', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const model = specWithNewValidator(fake);

    const first = await run(model, 'manufacturer');
    expect(first.outcome).toBe('pending');
    expect(first.events.map((e) => e.event)).toEqual(['vote', 'vote', 'waiting']);
    // Only the manufacturer's two nodes were called, never another org's.
    expect(new Set(fake.calls.map((call) => call.node))).toEqual(new Set(['validator1', 'validator2']));
    expect(fake.calls.filter((call) => call.method !== 'qbft_getValidatorsByBlockNumber')).toEqual([
      { node: 'validator1', method: 'qbft_proposeValidatorVote', params: [address(6), true] },
      { node: 'validator2', method: 'qbft_proposeValidatorVote', params: [address(6), true] },
    ]);
    expect(fake.calls[0]).toEqual({
      node: 'validator1',
      method: 'qbft_getValidatorsByBlockNumber',
      params: ['latest'],
    });
    expect(fake.validators()).toEqual(GENESIS_SET);

    fake.calls.length = 0;
    const second = await run(model, 'distributor');
    expect(second.outcome).toBe('done');
    expect(second.events.map((e) => e.event)).toEqual(['vote', 'applied']);
    expect(fake.validators()).toEqual([...GENESIS_SET, address(6)]);
    expect(fake.calls.filter((call) => call.method !== 'qbft_getValidatorsByBlockNumber')).toEqual([
      { node: 'validator3', method: 'qbft_proposeValidatorVote', params: [address(6), true] },
      { node: 'validator3', method: 'qbft_discardValidatorVote', params: [address(6)] },
    ]);

    // Idempotent: the retailer finds the step in effect and only reads.
    fake.calls.length = 0;
    const third = await run(model, 'retailer');
    expect(third.outcome).toBe('done');
    expect(third.events).toMatchObject([
      { event: 'skip', message: expect.stringMatching(/already in effect; skipped/) },
    ]);
    expect(fake.calls).toEqual([{ node: 'validator4', method: 'qbft_getValidatorsByBlockNumber', params: ['latest'] }]);
  });

  it('an org without validators casts nothing and says so', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { outcome, events } = await run(specWithNewValidator(fake), 'operator');
    expect(outcome).toBe('pending');
    expect(events).toMatchObject([{ event: 'no-voter' }]);
    expect(fake.calls).toEqual([]);
  });

  it('dry run reads the live set but proposes nothing', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { events } = await run(specWithNewValidator(fake), 'manufacturer', { dryRun: true });
    expect(events.map((e) => e.event)).toEqual(['would-vote', 'would-vote']);
    expect(fake.calls.every((call) => call.method === 'qbft_getValidatorsByBlockNumber')).toBe(true);
  });
});

describe('castVotes (GoQuorum)', () => {
  it('uses istanbul_propose / istanbul_getValidators and accepts addresses without 0x', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const model = specWithNewValidator(fake);
    const network = {
      ...model.quorum.find((candidate) => candidate.name === 'payments')!,
      client: 'goquorum' as const,
    };
    const votes = buildVotesFile(network, { validators: GENESIS_SET });
    const events: VoteEvent[] = [];
    const outcome = await castVotes({
      org: 'manufacturer',
      model,
      network,
      votes,
      timeoutMs: 200,
      pollIntervalMs: 20,
      onEvent: (event) => events.push(event),
    });
    expect(outcome).toBe('pending');
    expect(fake.calls.filter((call) => call.method === 'istanbul_propose')).toEqual([
      { node: 'validator1', method: 'istanbul_propose', params: [address(6), true] },
      { node: 'validator2', method: 'istanbul_propose', params: [address(6), true] },
    ]);
    expect(fake.calls[0]).toEqual({ node: 'validator1', method: 'istanbul_getValidators', params: ['latest'] });
  });
});
