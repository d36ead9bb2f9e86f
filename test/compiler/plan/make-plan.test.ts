import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, toJson } from '../../../src/compiler/fabric/index.js';
import { splitDocuments } from '../../../src/compiler/k8s/index.js';
import { copyState, planExample } from '../../helpers/plan-fixture.js';

describe('makePlan on the supply-chain example', () => {
  const result = planExample('supply-chain');
  const plan = result.plan!;

  it('updates both channels against their live config sequence', () => {
    expect(result.diagnostics).toEqual([]);
    expect(plan.channels.map((c) => [c.channel, c.action, c.baseSequence])).toEqual([
      ['production', 'update', '0'],
      ['distribution', 'update', '0'],
    ]);
    expect(plan.summary).toMatchObject({ channelsUpdated: 2, chaincodeChanges: 2, blocked: false, hasChanges: true });
    expect(plan.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the BatchSize change with before and after and who signs it', () => {
    const production = plan.channels[0]!;
    expect(production.delta).toEqual([
      expect.objectContaining({
        path: '/Channel/Orderer/BatchSize',
        change: 'modify',
        fromVersion: '0',
        toVersion: '1',
        before: { absolute_max_bytes: 10485760, max_message_count: 100, preferred_max_bytes: 2097152 },
        after: { absolute_max_bytes: 10485760, max_message_count: 500, preferred_max_bytes: 2097152 },
      }),
    ]);
    expect(production.signers.map((s) => s.summary)).toEqual([
      '/Channel/Orderer/Admins: MAJORITY of {OperatorMSP} admins -> 1 of 1',
    ]);
  });

  it('adds the retailer to distribution, authorized by the application admins', () => {
    const distribution = plan.channels[1]!;
    expect(distribution.delta.filter((d) => d.change === 'add' && d.kind === 'group').map((d) => d.path)).toEqual([
      '/Channel/Application/RetailerMSP',
    ]);
    expect(distribution.signers.map((s) => s.summary)).toEqual([
      '/Channel/Application/Admins: MAJORITY of {DistributorMSP, ManufacturerMSP} admins -> 2 of 2',
    ]);
    expect(distribution.members).toEqual(['ManufacturerMSP', 'DistributorMSP', 'RetailerMSP']);
  });

  it('plans chaincode upgrades with approvals by every member and a commit', () => {
    expect(plan.chaincodes.map((c) => [c.channel, c.name, c.action])).toEqual([
      ['production', 'product-registry', 'upgrade'],
      ['production', 'quality-cert', 'noop'],
      ['distribution', 'shipment-tracking', 'upgrade'],
    ]);
    const tracking = plan.chaincodes[2]!;
    expect(tracking.live).toMatchObject({
      version: '1.9',
      sequence: 2,
      endorsementPolicy: '/Channel/Application/Endorsement',
    });
    expect(tracking.steps).toEqual([
      { kind: 'approve', organization: 'manufacturer', mspId: 'ManufacturerMSP' },
      { kind: 'approve', organization: 'distributor', mspId: 'DistributorMSP' },
      { kind: 'approve', organization: 'retailer', mspId: 'RetailerMSP' },
      { kind: 'commit', organizations: ['manufacturer', 'distributor', 'retailer'] },
    ]);
    expect(tracking.commitRequirement).toBe(
      '/Channel/Application/LifecycleEndorsement: MAJORITY of {DistributorMSP, ManufacturerMSP, RetailerMSP} endorsement -> 2 of 3',
    );
  });

  it('carries update bytes that decode to the delta and hash to artifactHash', () => {
    const production = plan.channels[0]!;
    const bytes = result.artifacts.get(production.artifact!)!;
    const update = toJson('common.ConfigUpdate', decode('common.ConfigUpdate', bytes).value!).value as any;
    expect(update.channel_id).toBe('production');
    expect(update.write_set.groups.Orderer.values.BatchSize.value.max_message_count).toBe(500);
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(production.artifactHash);
  });

  it('reproduces every artifact byte for byte', () => {
    const again = planExample('supply-chain');
    expect([...again.artifacts.keys()]).toEqual([...result.artifacts.keys()]);
    for (const [path, bytes] of result.artifacts)
      expect(Buffer.from(again.artifacts.get(path)!)).toEqual(Buffer.from(bytes));
    expect(JSON.stringify(again.plan)).toBe(JSON.stringify(plan));
  });
});

describe('makePlan against other states', () => {
  it('creates every channel when the state folder is empty', () => {
    const empty = mkdtempSync(join(tmpdir(), 'netspec-empty-state-'));
    // On a new channel every chaincode starts at sequence 1: the example's later sequences are refused.
    const refused = planExample('supply-chain', { stateDir: empty });
    expect(refused.diagnostics.map((d) => d.message)).toEqual([
      "chaincode 'product-registry' is not committed on channel 'production', so its first definition has sequence 1, not 2",
      "chaincode 'shipment-tracking' is not committed on channel 'distribution', so its first definition has sequence 1, not 3",
    ]);
    const result = planExample('supply-chain', {
      stateDir: empty,
      change: ({ model }) => {
        for (const chaincode of model.chaincodes) chaincode.sequence = 1;
      },
    });
    expect(result.plan!.channels.map((c) => [c.channel, c.action, c.artifact])).toEqual([
      ['production', 'create', 'fabric/production/genesis.block'],
      ['distribution', 'create', 'fabric/distribution/genesis.block'],
    ]);
    expect(result.plan!.chaincodes.every((c) => c.action === 'define')).toBe(true);
  });

  it('reports no changes when the state matches the spec', () => {
    const result = planExample('supply-chain', {
      change: ({ model }) => {
        model.channels[0]!.orderer.batchSize.maxMessageCount = 100;
      },
    });
    expect(result.plan!.channels[0]!.action).toBe('noop');
    expect(result.plan!.channels[0]!.delta).toEqual([]);
  });

  it.each([
    [
      'a block of another channel',
      (dir: string) =>
        writeFileSync(join(dir, 'fabric/distribution.block'), readFileSync(join(dir, 'fabric/production.block'))),
      'NS_STATE_WRONG_CHANNEL',
      /distribution\.block: is a config block of channel 'production'/,
    ],
    [
      'a truncated block',
      (dir: string) =>
        writeFileSync(
          join(dir, 'fabric/production.block'),
          readFileSync(join(dir, 'fabric/production.block')).subarray(0, 300),
        ),
      undefined,
      /production\.block/,
    ],
    [
      'a file that is not a block',
      (dir: string) => writeFileSync(join(dir, 'fabric/production.block'), 'hello'),
      undefined,
      /production\.block/,
    ],
    [
      'a chaincodes file of the wrong shape',
      (dir: string) => writeFileSync(join(dir, 'fabric/production.chaincodes.json'), '{"definitions": 3}'),
      'NS_STATE_INVALID',
      /production\.chaincodes\.json: expected/,
    ],
    [
      'a quorum-less chaincode entry',
      (dir: string) =>
        writeFileSync(
          join(dir, 'fabric/production.chaincodes.json'),
          '{"chaincode_definitions": [{"name": "x", "version": "1", "sequence": 0}]}',
        ),
      'NS_STATE_INVALID',
      /sequence must be a positive integer/,
    ],
  ])('refuses %s, naming the file', (_, damage, code, message) => {
    const dir = copyState('supply-chain');
    damage(dir);
    const result = planExample('supply-chain', { stateDir: dir });
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    if (code) expect(result.diagnostics[0]!.code).toBe(code);
    expect(result.diagnostics[0]!.message).toMatch(message);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a chaincode sequence that skips ahead, at its position in the spec', () => {
    const result = planExample('supply-chain', {
      change: ({ model }) => {
        model.chaincodes[0]!.sequence = 5;
      },
    });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['NS_PLAN_CHAINCODE_SEQUENCE', 'error']]);
    expect(result.plan).toBeUndefined();
  });

  it('refuses a changed chaincode definition that keeps its sequence', () => {
    const result = planExample('supply-chain', {
      change: ({ model }) => {
        model.chaincodes[1]!.version = '1.1';
      },
    });
    expect(result.diagnostics[0]!.message).toMatch(/differs from its committed definition but keeps sequence 1/);
  });
});

describe('makePlan for Kubernetes', () => {
  it('lists per org the objects to create, change and prune against the manifests last applied', () => {
    const state = copyState('supply-chain');
    writeFileSync(
      join(state, 'k8s/manufacturer/service-legacy-api.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: legacy-api\n',
    );
    const result = planExample('supply-chain', { stateDir: state });
    const byOrg = new Map(result.plan!.kubernetes.map((org) => [org.organization, org]));
    // The retailer joins `distribution`: the orderers serving it and its fellow members' peers now admit the
    // retailer's egress CIDRs (it runs in another cluster).
    expect(byOrg.get('operator')).toMatchObject({
      create: [],
      change: ['NetworkPolicy/allow-orderer-ingress'],
      prune: [],
    });
    expect(byOrg.get('operator')!.unchanged).toBeGreaterThan(10);
    expect(byOrg.get('manufacturer')).toMatchObject({
      create: [],
      change: [
        'ConfigMap/cc-distribution-shipment-tracking',
        // A new chaincode version is a new package: the server runs under its new id.
        'ConfigMap/cc-distribution-shipment-tracking-package',
        'ConfigMap/cc-production-product-registry',
        'ConfigMap/cc-production-product-registry-package',
        'Deployment/cc-distribution-shipment-tracking',
        'Deployment/cc-production-product-registry',
        'NetworkPolicy/allow-peer-ingress',
      ],
      prune: ['Service/legacy-api'],
      artifact: 'k8s/manufacturer',
    });
    expect(byOrg.get('retailer')!.create).toContain('Deployment/cc-distribution-shipment-tracking');
    expect(result.plan!.summary.kubernetesChanges).toBe(25);
    // The bundle carries the org's complete folder, never a pruned object.
    expect(result.artifacts.has('k8s/manufacturer/kustomization.yaml')).toBe(true);
    const manifest = new TextDecoder().decode(result.artifacts.get('k8s/manufacturer/manifest.yaml'));
    expect(manifest.split(/^---$/m)).toHaveLength(byOrg.get('manufacturer')!.unchanged + 7);
    expect(manifest).toContain('name: cc-production-product-registry\n');
    expect(manifest).not.toContain('legacy-api');
    expect([...result.artifacts.keys()].filter((path) => path.startsWith('k8s/manufacturer/'))).toEqual([
      'k8s/manufacturer/manifest.yaml',
      'k8s/manufacturer/kustomization.yaml',
    ]);
    rmSync(state, { recursive: true, force: true });
  });

  it('reads an object edited by hand inside manifest.yaml as changed, and a state of one file per object alike', () => {
    const state = copyState('supply-chain');
    const file = join(state, 'k8s/operator/manifest.yaml');
    const documents = splitDocuments(readFileSync(file, 'utf8'));
    const quota = documents.findIndex((text) => text.startsWith('apiVersion: v1\nkind: ResourceQuota\n'));
    expect(quota).toBeGreaterThan(0);
    // Earlier netspec versions kept one file per object: split the state that way, and edit the quota.
    rmSync(file);
    for (const [index, text] of documents.entries())
      writeFileSync(
        join(state, `k8s/operator/object-${index}.yaml`),
        index === quota ? text.replace(/^( {4}limits\.cpu:) .+$/m, '$1 64000m') : text,
      );
    const result = planExample('supply-chain', { stateDir: state });
    const operator = result.plan!.kubernetes.find((org) => org.organization === 'operator')!;
    expect(operator).toMatchObject({
      create: [],
      change: ['NetworkPolicy/allow-orderer-ingress', 'ResourceQuota/operator-quota'],
      prune: [],
    });
    expect(operator.unchanged).toBe(documents.length - 2);
    rmSync(state, { recursive: true, force: true });
  });
});
