// netspec fetch against the fake orderer/peer: the config blocks come back byte for byte, the committed
// chaincode definitions in the shape the plan reads, and a plan made from the fetched folder equals one made
// from the original state.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchState, mustEncode } from '../../../src/apply/fabric/index.js';
import { readChaincodesState } from '../../../src/compiler/plan/state/read-chaincodes-state.js';
import { identityOf } from './_lifecycle-network.js';
import { FAST, planBundle, startNetwork, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

function writeState(dir: string, files: Map<string, Uint8Array>): void {
  for (const [path, bytes] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

describe('fetchState', () => {
  it('writes each channel config block byte for byte and the committed definitions; plan against it matches', async () => {
    network = await startNetwork();
    const result = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    expect(result.errors).toEqual([]);
    expect([...result.files.keys()].sort()).toEqual([
      'fabric/distribution.block',
      'fabric/distribution.chaincodes.json',
      'fabric/production.block',
      'fabric/production.chaincodes.json',
    ]);
    for (const channel of ['production', 'distribution'])
      expect(
        Buffer.from(result.files.get(`fabric/${channel}.block`)!).equals(
          readFileSync(join(network.stateDir, 'fabric', `${channel}.block`)),
        ),
      ).toBe(true);
    const fetched = join(network.dir, 'fetched');
    writeState(fetched, result.files);
    for (const channel of ['production', 'distribution']) {
      const file = `fabric/${channel}.chaincodes.json`;
      expect(JSON.parse(readFileSync(join(fetched, file), 'utf8'))).toEqual(
        JSON.parse(readFileSync(join(network.stateDir, file), 'utf8')),
      );
      expect(readChaincodesState(join(fetched, file))).toEqual(readChaincodesState(join(network.stateDir, file)));
    }
    const original = planBundle(network);
    const again = planBundle(network, fetched);
    expect(again.plan.channels.map((c) => [c.channel, c.action, c.artifactHash])).toEqual(
      original.plan.channels.map((c) => [c.channel, c.action, c.artifactHash]),
    );
    expect(network.fake.received.proposals).toEqual([
      '_lifecycle.QueryChaincodeDefinitions',
      '_lifecycle.QueryChaincodeDefinitions',
    ]);
  });

  it('as the ordering org, says which --org may read the committed chaincodes (the peers’ _lifecycle ACL)', async () => {
    network = await startNetwork();
    const result = await fetchState(network.model, network.identity, { connection: FAST });
    expect(result.files.size).toBe(0);
    expect(result.errors).toEqual([
      'production chaincodes: OperatorMSP may not query the committed chaincodes: the peers allow _lifecycle queries only to /Channel/Application/Writers of production; fetch with --org manufacturer or --org distributor',
      'distribution chaincodes: OperatorMSP may not query the committed chaincodes: the peers allow _lifecycle queries only to /Channel/Application/Writers of distribution; fetch with --org manufacturer or --org distributor or --org retailer',
    ]);
    expect(network.fake.received.proposals).toEqual([]);
  });

  it('follows the newest block to the last config block its metadata points to', async () => {
    network = await startNetwork();
    const config = network.fake.newest('production')!;
    // A data block on top of the config block: its OrdererBlockMetadata names the config block as the last one.
    const ordererMetadata = mustEncode('common.OrdererBlockMetadata', { last_config: { index: config.number } });
    const dataBlock = mustEncode('common.Block', {
      header: { number: config.number + 1 },
      data: { data: [] },
      metadata: { metadata: [mustEncode('common.Metadata', { value: ordererMetadata })] },
    });
    network.fake.ledgers.get('production')!.set(config.number + 1, dataBlock);
    const result = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    expect(result.errors).toEqual([]);
    expect(Buffer.from(result.files.get('fabric/production.block')!).equals(Buffer.from(config.block))).toBe(true);
    // production: newest, then the config block; distribution: the newest is the config block.
    expect(network.fake.received.deliver).toBe(3);
  });

  it('a channel the orderer does not serve is absent (new); an unreachable one fails the whole fetch', async () => {
    network = await startNetwork({ omitChannels: ['distribution'] });
    const events: string[] = [];
    const absent = await fetchState(network.model, identityOf(network, 'manufacturer'), {
      connection: FAST,
      onEvent: (e) => events.push(e.event),
    });
    expect(absent.errors).toEqual([]);
    expect([...absent.files.keys()].sort()).toEqual(['fabric/production.block', 'fabric/production.chaincodes.json']);
    expect(events).toContain('absent');

    network.fake.unavailable.add('production');
    const down = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    expect(down.files.size).toBe(0);
    expect(down.errors[0]).toMatch(/^production: Deliver: cannot reach operator\/orderer\d .* after 2 attempts/);
  });

  it('reports a timeout when the orderer does not answer within the deadline', async () => {
    network = await startNetwork();
    network.fake.deliverDelayMs = 300;
    const result = await fetchState(network.model, identityOf(network, 'manufacturer'), {
      connection: { ...FAST, timeoutMs: 100 },
    });
    expect(result.errors[0]).toMatch(/did not answer within 100 ms/);
  });
});
