import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../src/compiler/model/index.js';
import { normalize } from '../../../src/compiler/model/index.js';
import { parseYaml } from '../../../src/compiler/parse/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const specFile = join(repoRoot, 'networks/supply-chain/network.yaml');

function supplyChain(): NetworkSpec {
  return parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec;
}

describe('normalize', () => {
  const model = normalize(supplyChain(), dirname(specFile));

  it('fills node hosts, ports and org policies from the org', () => {
    const manufacturer = model.organizations.find((org) => org.name === 'manufacturer')!;
    expect(manufacturer.peers[0]).toMatchObject({
      host: 'peer0.manufacturer.supply.example.com',
      port: 7051,
      anchor: true,
    });
    expect(manufacturer.peers[1]).toMatchObject({ anchor: false, stateDatabase: 'couchdb' });
    expect(manufacturer.ca).toMatchObject({ host: 'ca.manufacturer.supply.example.com', port: 7054 });
    expect(manufacturer.policies).toEqual({
      Readers: "OR('ManufacturerMSP.admin', 'ManufacturerMSP.peer', 'ManufacturerMSP.client')",
      Writers: "OR('ManufacturerMSP.admin', 'ManufacturerMSP.client')",
      Admins: "OR('ManufacturerMSP.admin')",
      Endorsement: "OR('ManufacturerMSP.peer')",
    });
    expect(manufacturer.msp.directory).toBe(resolve(dirname(specFile), 'crypto/manufacturer/msp'));
    const operator = model.organizations.find((org) => org.name === 'operator')!;
    expect(operator.policies).toEqual({
      Readers: "OR('OperatorMSP.member')",
      Writers: "OR('OperatorMSP.member')",
      Admins: "OR('OperatorMSP.admin')",
    });
    expect(operator.orderers.map((o) => `${o.host}:${o.port}/${o.adminPort}`)).toEqual([
      'orderer0.operator.supply.example.com:7050/7053',
      'orderer1.operator.supply.example.com:7050/7053',
      'orderer2.operator.supply.example.com:7050/7053',
    ]);
  });

  it('applies Fabric 2.5 channel defaults and the spec overrides', () => {
    const production = model.channels.find((c) => c.name === 'production')!;
    expect(production.capabilities).toEqual({ channel: 'V2_0', orderer: 'V2_0', application: 'V2_5' });
    expect(production.orderer.batchTimeout).toBe('2s');
    expect(production.orderer.batchSize).toEqual({
      maxMessageCount: 500,
      absoluteMaxBytes: 10485760,
      preferredMaxBytes: 2097152,
    });
    expect(production.orderer.etcdraft).toEqual({
      tickInterval: '500ms',
      electionTick: 10,
      heartbeatTick: 1,
      maxInflightBlocks: 5,
      snapshotIntervalSize: 16777216,
    });
    expect(production.policies.orderer.BlockValidation).toBe('ANY Writers');
    expect(production.anchorPeers).toEqual([
      { organization: 'manufacturer', host: 'peer0.manufacturer.supply.example.com', port: 7051 },
      { organization: 'distributor', host: 'peer0.distributor.supply.example.com', port: 7051 },
    ]);
    const distribution = model.channels.find((c) => c.name === 'distribution')!;
    expect(distribution.orderer.batchTimeout).toBe('1s');
    expect(distribution.policies.application.Endorsement).toContain('OutOf(2');
    expect(distribution.policies.application.Readers).toBe('ANY Readers');
    expect(distribution.acls['qscc/GetBlockByNumber']).toBe('/Channel/Application/Writers');
    expect(distribution.acls['peer/Propose']).toBe('/Channel/Application/Writers');
    expect(Object.keys(distribution.acls)).toHaveLength(19);
    const tlsCert = resolve(
      dirname(specFile),
      'crypto/operator/orderers/orderer2.operator.supply.example.com/tls/server.crt',
    );
    expect(distribution.orderer.consenters[2]).toEqual({
      ref: 'operator/orderer2',
      organization: 'operator',
      mspId: 'OperatorMSP',
      host: 'orderer2.operator.supply.example.com',
      port: 7050,
      tlsCert,
      clientTlsCert: tlsCert,
    });
    expect(distribution.orderer.type).toBe('etcdraft');
    expect(distribution.capabilities.channel).toBe('V2_0');
  });

  it('writes durations the way Go prints them', () => {
    const spec = supplyChain();
    spec.channels!.production!.orderer.batchTimeout = '1500ms';
    expect(normalize(spec, '/x').channels[0]!.orderer.batchTimeout).toBe('1.5s');
  });

  it('derives quick mode from an org that is operator and participant', () => {
    const spec = supplyChain();
    delete spec.mode;
    expect(normalize(spec, '/x').mode).toBe('standard');
    spec.organizations.operator!.roles = ['operator', 'participant'];
    const model = normalize(spec, '/x');
    expect(model.mode).toBe('quick');
    expect(model.organizations[0]!.policies.Writers).toBe(
      "OR('OperatorMSP.admin', 'OperatorMSP.client', 'OperatorMSP.orderer')",
    );
  });

  it('fills chaincode and collection defaults', () => {
    const quality = model.chaincodes.find((c) => c.name === 'quality-cert')!;
    expect(quality.initRequired).toBe(false);
    expect(quality.collections[0]).toMatchObject({ memberOnlyRead: true, memberOnlyWrite: true, maxPeerCount: 1 });
    expect(quality.server).toEqual({
      image: 'ghcr.io/supply-chain/quality-cert:1.0',
      port: 9999,
      replicas: 1,
      resources: {},
    });
  });
});
