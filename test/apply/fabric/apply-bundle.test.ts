// Applying verified bundles to the fake network: a channel update end to end (the orderer's own checks pass, the
// sequence moves, a re-plan from the fetched state has nothing left to do, the record is what history reads),
// idempotent re-runs, stale read sets, missing signatures refused before sending, joining a new channel,
// retries while an orderer is down, and a precise account when the network fails half-way.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApplyBundleResult,
  applyFabricBundle,
  fetchState,
  liveConfigFacts,
} from '../../../src/apply/fabric/index.js';
import { type TestBundle, verifiedAt, verifyAt } from '../../helpers/bundle-fixture.js';
import { rebuildConfigBlock } from './_fake-fabric.js';
import { identityOf } from './_lifecycle-network.js';
import { FAST, planBundle, sign, startNetwork, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

async function apply(net: TestNetwork, bundle: TestBundle, connection = FAST): Promise<ApplyBundleResult> {
  return applyFabricBundle({
    verified: verifiedAt(bundle.dir, bundle),
    identity: net.identity,
    connection,
    commitTimeoutMs: 1000,
    pollMs: 10,
    now: () => new Date('2030-01-02T03:04:05Z'),
  });
}

/** Someone else's update reaches the channel: a new config block at the next sequence. */
function commitAnotherUpdate(net: TestNetwork, channel: string): void {
  const newest = net.fake.newest(channel)!;
  const live = net.fake.config(channel);
  live.sequence = String(Number(live.sequence ?? 0) + 1);
  net.fake.store(rebuildConfigBlock(newest.block, live, newest.number + 1));
}

function outcomes(result: ApplyBundleResult): string[] {
  return result.steps.map((s) => `${s.channel} ${s.action} ${s.outcome}`);
}

describe('applyFabricBundle: channel updates', () => {
  it('applies a signed update: the orderer accepts it, the sequence moves, re-planning finds nothing left', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    expect(bundle.plan.channels.map((c) => [c.channel, c.action])).toEqual([
      ['production', 'update'],
      ['distribution', 'update'],
    ]);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const before = liveConfigFacts(network.fake.newest('production')!.block);

    const result = await apply(network, bundle);
    expect(result.refused).toEqual([]);
    expect(outcomes(result)).toEqual([
      'production update applied',
      'distribution update applied',
      // The distribution update adds the retailer: joining its peers is the retailer's part.
      'distribution join-peer delegated',
    ]);
    expect(result.steps[2]).toMatchObject({
      target: 'retailer/peer0',
      detail: 'retailer joins its own peers, with its own identity: netspec apply --org retailer',
    });
    const after = liveConfigFacts(network.fake.newest('production')!.block);
    expect(after.sequence).toBe(before.sequence + 1n);
    expect(result.records[0]).toEqual({
      bundleHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      channel: 'production',
      sequence: String(after.sequence),
      txIds: [expect.stringMatching(/^[0-9a-f]{64}$/)],
      blockNumbers: [String(after.blockNumber)],
      appliedAt: '2030-01-02T03:04:05.000Z',
      signers: ['OperatorMSP'],
    });
    // Each record names the organizations whose valid signatures the update carried.
    expect(result.records.map((r) => r.signers)).toEqual([['OperatorMSP'], ['DistributorMSP', 'ManufacturerMSP']]);

    // The orderer's new config is exactly what the spec wanted: fetch it and plan again.
    const fetched = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    const stateDir = join(network.dir, 'after');
    for (const [path, bytes] of fetched.files) {
      mkdirSync(join(stateDir, path, '..'), { recursive: true });
      writeFileSync(join(stateDir, path), bytes);
    }
    expect(planBundle(network, stateDir).plan.channels.map((c) => [c.channel, c.action])).toEqual([
      ['production', 'noop'],
      ['distribution', 'noop'],
    ]);

    // Re-running the same bundle sends nothing and says so.
    const broadcasts = network.fake.received.broadcast;
    const again = await applyFabricBundle({
      verified: verifiedAt(bundle.dir, bundle),
      identity: network.identity,
      connection: FAST,
    });
    expect(outcomes(again)).toEqual([
      'production update already',
      'distribution update already',
      'distribution join-peer delegated',
    ]);
    expect(again.steps[0]!.detail).toMatch(/already applied: config sequence \d+ .* carries this update/);
    expect(again.records).toEqual([]);
    expect(network.fake.received.broadcast).toBe(broadcasts);
  });

  it('after a fresh fetch into the state folder, re-running an applied bundle says already applied', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    expect(outcomes(await apply(network, bundle))).toEqual([
      'production update applied',
      'distribution update applied',
      'distribution join-peer delegated',
    ]);
    // `netspec fetch` into the very state folder the bundle was planned against: its base sequence is gone.
    const fetched = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    for (const [path, bytes] of fetched.files) writeFileSync(join(network.stateDir, path), bytes);

    const verified = verifyAt(bundle.dir, bundle).report;
    expect(verified.problems).toBeUndefined();
    expect(verified.status).toBe('satisfied');
    expect(verified.updates.map((u) => [u.channel, u.status, u.applied?.sequence])).toEqual([
      ['production', 'satisfied', '1'],
      ['distribution', 'satisfied', '1'],
    ]);
    const broadcasts = network.fake.received.broadcast;
    const again = await apply(network, bundle);
    expect(again.refused).toEqual([]);
    expect(outcomes(again)).toEqual([
      'production update already',
      'distribution update already',
      'distribution join-peer delegated',
    ]);
    expect(again.records).toEqual([]);
    expect(network.fake.received.broadcast).toBe(broadcasts);
  });

  it('an answer lost after the orderer took the update: the channel is read before re-sending, and it is applied', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    // The orderer cuts the config block, then the connection drops before its SUCCESS reaches us (UNAVAILABLE).
    network.fake.dropBroadcastAnswers = 1;
    const result = await apply(network, bundle);
    expect(outcomes(result).slice(0, 2)).toEqual(['production update applied', 'distribution update applied']);
    expect(result.steps[0]!.detail).toMatch(
      /^config sequence 1 in block 1 \(tx [0-9a-f]{64}\); the orderer's answer was lost, the channel's config shows the update$/,
    );
    // Sent once: a second send would have met its own update and been refused as stale.
    expect(network.fake.received.broadcast).toBe(2);
    expect(result.records.map((r) => [r.channel, r.sequence])).toEqual([
      ['production', '1'],
      ['distribution', '1'],
    ]);
  });

  it('a bundle the channel moved past (another update after the fetch) is still refused as stale', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    // Someone else's update reached production: the state folder is refreshed with it.
    commitAnotherUpdate(network, 'production');
    const fetched = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    for (const [path, bytes] of fetched.files) writeFileSync(join(network.stateDir, path), bytes);

    const verified = verifyAt(bundle.dir, bundle).report;
    expect(verified.status).toBe('invalid');
    const production = verified.updates.find((u) => u.channel === 'production')!;
    expect(production.applied).toBeUndefined();
    expect(production.problems[0]?.code).toBe('NS_UPDATE_STALE');
    expect(production.problems[0]?.message).toMatch(
      /^stale: the plan was made against config sequence 0, the live config is at sequence 1/,
    );
    // An invalid bundle yields no VerifiedBundle, and apply takes nothing else: nothing can be sent.
    expect(verifyAt(bundle.dir, bundle).verified).toBeUndefined();
    expect(network.fake.received.broadcast).toBe(0);
  });

  it('refuses a bundle whose signatures do not satisfy the policies, before sending anything', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer');
    const result = await apply(network, bundle);
    expect(result.refused[0]).toEqual({
      code: 'NS_APPLY_NOT_SATISFIED',
      severity: 'error',
      message: 'the bundle does not verify (waiting): nothing was sent',
    });
    expect(result.refused).toContainEqual({
      code: 'NS_APPLY_NOT_SATISFIED',
      severity: 'error',
      message: expect.stringMatching(
        /^distribution: waiting; \/Channel\/Application\/Admins 1 of 2: waiting for DistributorMSP/,
      ),
      hint: expect.stringContaining('netspec sign'),
    });
    expect(result.steps).toEqual([]);
    expect(network.fake.received).toEqual({ broadcast: 0, deliver: 0, proposals: [] });
  });

  it('reports a stale read set from the orderer as stale: the channel moved on', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    // Another change reached the Application group (its version moved) without netspec knowing: same sequence
    // as far as the plan's base check goes, but the update's read set no longer matches.
    const live = network.fake.config('distribution');
    live.channel_group.groups!.Application!.version = String(
      Number(live.channel_group.groups!.Application!.version ?? 0) + 1,
    );
    const newest = network.fake.newest('distribution')!;
    network.fake.ledgers.get('distribution')!.set(newest.number, rebuildConfigBlock(newest.block, live));

    const result = await apply(network, bundle);
    expect(outcomes(result)).toEqual(['production update applied', 'distribution update failed']);
    // The orderer's own words for a moved read set, under the code verify gives a stale update.
    expect(result.steps[1]!.code).toBe('NS_UPDATE_STALE');
    expect(result.steps[1]!.detail).toMatch(
      /^stale: the channel moved on, re-plan and re-sign \(.*error validating ReadSet: proposed update requires that key \[Group\] {2}\/Channel\/Application be at version 0, but it is currently at version 1/,
    );
    expect(result.records.map((r) => r.channel)).toEqual(['production']);
  });

  it('reports stale without sending when the live sequence moved on through another update', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    commitAnotherUpdate(network, 'production');
    const broadcasts = network.fake.received.broadcast;
    const result = await apply(network, bundle);
    expect(result.steps[0]).toMatchObject({
      channel: 'production',
      outcome: 'failed',
      code: 'NS_UPDATE_STALE',
      detail: expect.stringMatching(
        /^stale: the channel moved on \(live config sequence 1, planned against 0\); re-plan and re-sign$/,
      ),
    });
    expect(network.fake.received.broadcast).toBe(broadcasts + 1); // only distribution was sent
  });
});
