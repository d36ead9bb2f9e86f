// The chaincode lifecycle against the fake network (its `_lifecycle` keeps approvals per org and commits only a
// valid endorsed transaction): org A installs its package and approves (readiness grows, commit waits), org B approves and commits with
// endorsements of both orgs; re-runs send nothing; a commit without enough endorsing orgs is refused before
// anything is sent and succeeds on a re-run; the committed definition is what a re-plan expects.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApplyStep,
  applyFabricBundle,
  applyRecordFile,
  ccaasPackage,
  chaincodeDefinition,
  chaincodeRecords,
  checkCommitReadiness,
  fetchState,
  NodeConnection,
  peerEndpoints,
} from '../../../src/apply/fabric/index.js';
import { renderHistoryText } from '../../../src/apply/git/render-history.js';
import { adminSigner, type Org } from '../../governance/_fixtures.js';
import { verifiedAt } from '../../helpers/bundle-fixture.js';
import { applyChaincodesAs, identityOf, lifecycleNetwork } from './_lifecycle-network.js';
import { FAST, planBundle, sign, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

const runAs = applyChaincodesAs;

const summary = (steps: ApplyStep[]) => steps.map((s) => `${s.channel} ${s.action} ${s.target} ${s.outcome}`);

async function readiness(net: TestNetwork, org: Org, chaincodeName: string): Promise<Record<string, boolean>> {
  const chaincode = net.model.chaincodes.find((c) => c.name === chaincodeName)!;
  const channel = net.model.channels.find((c) => c.name === chaincode.channel)!;
  const definition = chaincodeDefinition(chaincode, channel);
  if ('error' in definition) throw new Error(definition.error);
  const connection = new NodeConnection(peerEndpoints(net.model, org)[0]!, FAST);
  try {
    return await checkCommitReadiness(connection, identityOf(net, org).signer, channel.name, definition.value);
  } finally {
    connection.close();
  }
}

describe('chaincode lifecycle: approve per org, commit once LifecycleEndorsement is met', () => {
  it('approves as A (commit waits), approves and commits as B, then re-runs do nothing', async () => {
    network = await lifecycleNetwork();
    const plan = planBundle(network).plan;
    expect(
      plan.chaincodes.filter((c) => c.action !== 'noop').map((c) => [c.channel, c.name, c.desired.sequence]),
    ).toEqual([
      ['production', 'product-registry', 2],
      ['distribution', 'shipment-tracking', 3],
    ]);
    expect(await readiness(network, 'manufacturer', 'product-registry')).toEqual({
      DistributorMSP: false,
      ManufacturerMSP: false,
    });

    const first = await runAs(network, 'manufacturer', plan);
    expect(summary(first)).toEqual([
      'production install manufacturer/peer0 applied',
      'production install manufacturer/peer1 applied',
      'production approve manufacturer/peer0 applied',
      'production commit - waiting',
      'distribution install manufacturer/peer0 applied',
      'distribution install manufacturer/peer1 applied',
      'distribution approve manufacturer/peer0 applied',
      'distribution commit - waiting',
    ]);
    expect(first[3]!.detail).toMatch(
      /approved by ManufacturerMSP; waiting for DistributorMSP \(LifecycleEndorsement: /,
    );
    expect(await readiness(network, 'distributor', 'product-registry')).toEqual({
      DistributorMSP: false,
      ManufacturerMSP: true,
    });
    // The approval carries the org's CCaaS package id, the one its peers install.
    const registry = network.model.chaincodes.find((c) => c.name === 'product-registry')!;
    const approval = network.fake.lifecycle.approvals.get('production/product-registry')!.get('ManufacturerMSP')!;
    expect(approval.packageId).toBe(ccaasPackage(network.model, 'manufacturer', registry)!.packageId);
    expect(approval.sequence).toBe(2);

    const second = await runAs(network, 'distributor', plan);
    expect(summary(second)).toEqual([
      'production install distributor/peer0 applied',
      'production approve distributor/peer0 applied',
      'production commit distributor/peer0, manufacturer/peer0 applied',
      'distribution install distributor/peer0 applied',
      'distribution approve distributor/peer0 applied',
      'distribution commit distributor/peer0, manufacturer/peer0 applied',
    ]);
    expect(second[2]!.detail).toMatch(
      /committed \(tx [0-9a-f]{64}\), approved by DistributorMSP, ManufacturerMSP, endorsed by DistributorMSP, ManufacturerMSP/,
    );
    // Every transaction the orderer received validated on the peer.
    expect(network.fake.lifecycle.validated.map((v) => [v.fn, v.creator, v.valid])).toEqual([
      ['ApproveChaincodeDefinitionForMyOrg', 'ManufacturerMSP', true],
      ['ApproveChaincodeDefinitionForMyOrg', 'ManufacturerMSP', true],
      ['ApproveChaincodeDefinitionForMyOrg', 'DistributorMSP', true],
      ['CommitChaincodeDefinition', 'DistributorMSP', true],
      ['ApproveChaincodeDefinitionForMyOrg', 'DistributorMSP', true],
      ['CommitChaincodeDefinition', 'DistributorMSP', true],
    ]);
    const committed = network.fake.lifecycle.definitions('production').chaincode_definitions as {
      name: string;
      sequence: unknown;
      version: string;
    }[];
    expect(committed.map((d) => [d.name, Number(d.sequence), d.version])).toEqual([
      ['quality-cert', 1, '1.0'],
      ['product-registry', 2, '1.2'],
    ]);

    // Idempotent: both orgs re-run, nothing is broadcast.
    const broadcasts = network.fake.received.broadcast;
    for (const org of ['distributor', 'manufacturer'] as const) {
      const again = await runAs(network, org, plan);
      expect(again.filter((s) => s.action !== 'install').map((s) => `${s.action} ${s.outcome}`)).toEqual([
        'approve already',
        'commit already',
        'approve already',
        'commit already',
      ]);
      expect(again.filter((s) => s.action === 'install').every((s) => s.outcome === 'already')).toBe(true);
    }
    expect(network.fake.received.broadcast).toBe(broadcasts);

    // Fetch the live state and plan again: the definitions are what the spec wants.
    const fetched = await fetchState(network.model, identityOf(network, 'manufacturer'), { connection: FAST });
    const stateDir = join(network.dir, 'after');
    for (const [path, bytes] of fetched.files) {
      mkdirSync(join(stateDir, path, '..'), { recursive: true });
      writeFileSync(join(stateDir, path), bytes);
    }
    expect(planBundle(network, stateDir).plan.chaincodes.map((c) => [c.name, c.action])).toEqual([
      ['product-registry', 'noop'],
      ['quality-cert', 'noop'],
      ['shipment-tracking', 'noop'],
    ]);
  });

  it('refuses to commit without enough endorsing orgs (nothing sent), and commits on a re-run', async () => {
    network = await lifecycleNetwork();
    const plan = planBundle(network).plan;
    const production = { ...plan, chaincodes: plan.chaincodes.filter((c) => c.channel === 'production') };
    await runAs(network, 'manufacturer', production);
    // Manufacturer's peers cannot endorse (no identity): only the distributor's peer can.
    network.fake.endorsers.delete('peer0.manufacturer.supply.example.com');
    network.fake.endorsers.delete('peer1.manufacturer.supply.example.com');
    const broadcasts = network.fake.received.broadcast;
    const refused = await runAs(network, 'distributor', production);
    expect(summary(refused)).toEqual([
      'production install distributor/peer0 applied',
      'production approve distributor/peer0 applied',
      'production commit distributor/peer0 failed',
    ]);
    expect(refused[2]!.detail).toMatch(/endorsed by DistributorMSP only; LifecycleEndorsement needs .*2 of 2/);
    expect(refused[2]!.code).toBe('NS_APPLY_NOT_ENDORSED');
    expect(network.fake.received.broadcast).toBe(broadcasts + 1); // the approval only

    network.fake.endorsers.set('peer0.manufacturer.supply.example.com', adminSigner('manufacturer').identity);
    const resumed = await runAs(network, 'distributor', production);
    expect(summary(resumed)).toEqual([
      'production install distributor/peer0 already',
      'production approve distributor/peer0 already',
      'production commit distributor/peer0, manufacturer/peer0 applied',
    ]);
  });

  it('an org that approves after the commit approves the committed sequence; a non-member does nothing', async () => {
    network = await lifecycleNetwork();
    const plan = planBundle(network).plan;
    const production = { ...plan, chaincodes: plan.chaincodes.filter((c) => c.channel === 'production') };
    // Both members approve and commit (2 of 2 needed), then manufacturer's approval is dropped from the fake's
    // ledger: as for an org that joined later, its apply must approve the committed sequence.
    await runAs(network, 'manufacturer', production);
    await runAs(network, 'distributor', production);
    network.fake.lifecycle.approvals.get('production/product-registry')!.delete('ManufacturerMSP');
    const late = await runAs(network, 'manufacturer', production);
    expect(summary(late)).toEqual([
      'production install manufacturer/peer0 already',
      'production install manufacturer/peer1 already',
      'production approve manufacturer/peer0 applied',
      'production commit manufacturer/peer0 already',
    ]);
    expect(await runAs(network, 'retailer', production)).toEqual([]);
    expect(await runAs(network, 'operator' as Org, production)).toEqual([]);
  });

  it('runs from applyFabricBundle after the channel updates', async () => {
    network = await lifecycleNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const result = await applyFabricBundle({
      verified: verifiedAt(bundle.dir, bundle),
      identity: identityOf(network, 'manufacturer'),
      connection: FAST,
      commitTimeoutMs: 1000,
      pollMs: 10,
    });
    expect(result.steps.map((s) => `${s.channel} ${s.action} ${s.outcome}`)).toEqual([
      'production update applied',
      'distribution update applied',
      // The distribution update adds the retailer, whose peers only the retailer can join.
      'distribution join-peer delegated',
      'production install applied',
      'production install applied',
      'production approve applied',
      'production commit waiting',
      'distribution install applied',
      'distribution install applied',
      'distribution approve applied',
      'distribution commit waiting',
    ]);
    // Besides the two channel records, one record per chaincode definition the org acted on, named for it.
    const chaincodeRecords = result.records.filter((r) => r.chaincode);
    expect(
      chaincodeRecords.map((r) => relative(network!.model.specDir, applyRecordFile(network!.model.specDir, r))),
    ).toEqual([
      'applied/production-chaincode-product-registry-2-manufacturer.json',
      'applied/distribution-chaincode-shipment-tracking-3-manufacturer.json',
    ]);
    const [production] = chaincodeRecords;
    expect(production).toEqual({
      bundleHash: result.records[0]!.bundleHash,
      channel: 'production',
      sequence: 2,
      chaincode: { name: 'product-registry', organization: 'manufacturer', mspId: 'ManufacturerMSP' },
      txIds: [expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/), expect.any(String)],
      blockNumbers: [],
      appliedAt: expect.any(String),
      signers: ['ManufacturerMSP'],
      steps: [
        { action: 'install', target: 'manufacturer/peer0', txId: production!.txIds[0] },
        { action: 'install', target: 'manufacturer/peer1', txId: production!.txIds[1] },
        { action: 'approve', target: 'manufacturer/peer0', txId: production!.txIds[2] },
      ],
    });
    const approval = result.steps.find((s) => s.channel === 'production' && s.action === 'approve')!;
    expect(production!.txIds[2]).toBe(approval.txId);
    expect(approval.detail).toContain(`tx ${approval.txId}`);
    // What `netspec history` prints for it.
    const text = renderHistoryText({
      network: 'supply-chain',
      path: 'networks/supply-chain',
      events: [
        {
          commit: 'c0ffee',
          parents: [],
          date: '2030-01-02T03:04:05Z',
          author: { name: 'ci', email: 'ci@example.com' },
          committer: { name: 'ci', email: 'ci@example.com', date: '2030-01-02T03:04:05Z' },
          proposer: { name: 'ci', email: 'ci@example.com' },
          subject: 'netspec: applied',
          files: [],
          specChanges: [],
          signatures: [],
          applied: [{ path: 'applied/production-chaincode-product-registry-2-manufacturer.json', ...production! }],
        },
      ],
    });
    expect(text).toContain(
      `applied: chaincode product-registry sequence 2 on channel production by ManufacturerMSP on ${production!.appliedAt}, tx ${production!.txIds.join(', ')}`,
    );
  });

  it('a re-run that changes nothing writes no chaincode record', async () => {
    network = await lifecycleNetwork();
    const plan = planBundle(network).plan;
    const production = { ...plan, channels: [], chaincodes: plan.chaincodes.filter((c) => c.channel === 'production') };
    await runAs(network, 'manufacturer', production);
    const steps = await runAs(network, 'manufacturer', production);
    expect(steps.every((s) => s.outcome === 'already' || s.outcome === 'waiting')).toBe(true);
    expect(chaincodeRecords(steps, identityOf(network, 'manufacturer'), 'h', new Date(0))).toEqual([]);
  });
});
