// New channels (genesis block to each orderer through the participation API over mutual TLS, then the acting
// org's peers join), retries while an orderer is down, and what is reported when the network fails half-way.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyFabricBundle, identityFromPem } from '../../../src/apply/fabric/index.js';
import type { VerifiedBundle } from '../../../src/governance/index.js';
import { adminFiles } from '../../governance/_fixtures.js';
import { verifiedAt, withPlan } from '../../helpers/bundle-fixture.js';
import { FAST, planBundle, sign, startNetwork, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

function mtls(net: TestNetwork) {
  return { ...FAST, tls: { certPem: net.tls.clientCertPem, keyPem: net.tls.clientKeyPem } };
}

/** The same bundle with its one unsigned update set aside: only the new channel is left to apply. */
function satisfied(verified: VerifiedBundle): VerifiedBundle {
  return { ...verified, report: { status: 'satisfied', updates: [] } } as VerifiedBundle;
}

describe('applyFabricBundle: new channels', () => {
  it('joins every orderer with the genesis block, then the acting org’s peers; a re-run does nothing', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    const bundle = planBundle(network);
    expect(bundle.plan.channels.map((c) => [c.channel, c.action])).toEqual([
      ['production', 'update'],
      ['distribution', 'create'],
    ]);
    sign(bundle, 'operator');
    const admin = adminFiles('manufacturer');
    const manufacturer = identityFromPem(
      network.model.organizations.find((o) => o.name === 'manufacturer')!,
      readFileSync(admin.certFile, 'utf8'),
      readFileSync(admin.keyFile, 'utf8'),
    );
    if ('error' in manufacturer) throw new Error(manufacturer.error);
    const run = () =>
      applyFabricBundle({
        // Only the channel creation: the bundle's chaincode definitions are chaincode-lifecycle.test.ts's business.
        verified: withPlan(verifiedAt(bundle.dir, bundle), {
          ...bundle.plan,
          channels: bundle.plan.channels.filter((c) => c.action === 'create'),
          chaincodes: [],
        }),
        identity: manufacturer.identity,
        connection: mtls(network!),
      });
    const first = await run();
    // The three orderers share one fake: the first join creates the channel, the others find it there.
    expect(first.steps.map((s) => `${s.action} ${s.target} ${s.outcome}`)).toEqual([
      'join-orderer operator/orderer0 applied',
      'join-orderer operator/orderer1 already',
      'join-orderer operator/orderer2 already',
      'join-peer manufacturer/peer0 applied',
      'join-peer manufacturer/peer1 already',
    ]);
    expect(network.fake.newest('distribution')!.number).toBe(0);
    expect([...network.fake.peerChannels]).toEqual(['distribution']);
    expect(first.records).toMatchObject([{ channel: 'distribution', sequence: 0, blockNumbers: [0] }]);
    const again = await run();
    expect(again.steps.every((s) => s.outcome === 'already')).toBe(true);
    expect(again.records).toEqual([]);
  });

  it('the participation API refuses a client without a TLS client certificate', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    const bundle = planBundle(network);
    const result = await applyFabricBundle({
      // Only the creation, which needs no signature: the production update stays unsigned.
      verified: satisfied(
        withPlan(verifiedAt(bundle.dir, bundle), {
          ...bundle.plan,
          channels: bundle.plan.channels.filter((c) => c.action === 'create'),
        }),
      ),
      identity: network.identity,
      connection: FAST,
    });
    expect(result.steps[0]).toMatchObject({ action: 'join-orderer', outcome: 'failed' });
    expect(result.steps.filter((s) => s.action === 'join-peer')).toEqual([]);
    expect(network.fake.newest('distribution')).toBeUndefined();
  });
});

describe('applyFabricBundle: unreliable networks', () => {
  it('retries with backoff while the orderer is down and applies once it is up', async () => {
    const port = await freePort();
    network = await startNetwork({ grpcPort: port, start: false });
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const verified = verifiedAt(bundle.dir, bundle);
    const started = Date.now();
    setTimeout(() => void network!.fake.start(), 150);
    const result = await applyFabricBundle({
      verified,
      identity: network.identity,
      // Backoff doubles from 40 ms: ten tries wait some 40 s in all, room for a slow start on a loaded machine.
      connection: { timeoutMs: 2000, retries: 10, backoffMs: 40 },
      pollMs: 10,
    });
    expect(result.steps.map((s) => s.outcome)).toEqual(['applied', 'applied']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('a failure half-way: the first channel is applied and recorded, the second is reported as not applied', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    network.fake.unavailable.add('distribution');
    const result = await applyFabricBundle({
      verified: verifiedAt(bundle.dir, bundle),
      identity: network.identity,
      connection: FAST,
      pollMs: 10,
    });
    expect(result.steps.map((s) => `${s.channel} ${s.outcome}`)).toEqual(['production applied', 'distribution failed']);
    expect(result.steps[1]!.target).toBe('operator/orderer0, operator/orderer1, operator/orderer2');
    expect(result.steps[1]!.detail).toMatch(
      /^not applied: Deliver: cannot reach operator\/orderer2 .* after 2 attempts/,
    );
    expect(result.records.map((r) => r.channel)).toEqual(['production']);
  });
});

/** A new channel's chaincodes start at sequence 1. */
function newDistribution(text: string): string {
  return text.replace('sequence: 3', 'sequence: 1');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
