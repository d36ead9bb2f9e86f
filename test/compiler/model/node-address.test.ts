// The address model: each organization's exposure (or a node's explicit address) gives the one host:port that the
// channel config (consenters, orderer endpoints, anchor peers), connection profiles and Quorum node lists carry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConnectionProfile } from '../../../src/compiler/connection-profile/connection-profile.js';
import { channelConfigJson } from '../../../src/compiler/fabric/config/channel-config.js';
import type { NetworkSpec } from '../../../src/compiler/model/index.js';
import { clusterServiceHosts, exposedAddress, nodeAddress, normalize } from '../../../src/compiler/model/index.js';
import { parseYaml } from '../../../src/compiler/parse/index.js';
import { staticNodes, tesseraPeers } from '../../../src/compiler/quorum/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const specFile = join(repoRoot, 'networks/supply-chain/network.yaml');
const PUBLIC_KEY = 'ab'.repeat(64);

function supplyChain(): NetworkSpec {
  return parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec;
}

/** supply-chain with the operator behind a Gateway, the manufacturer on load balancers, the distributor in-cluster. */
function exposedSupplyChain(): NetworkSpec {
  const spec = supplyChain();
  const { operator, manufacturer, distributor, retailer } = spec.organizations;
  operator!.kubernetes = { ...operator!.kubernetes, exposure: { mode: 'gateway', gateway: { name: 'fabric' } } };
  manufacturer!.kubernetes = { ...manufacturer!.kubernetes, exposure: { mode: 'loadBalancer' } };
  distributor!.kubernetes = { ...distributor!.kubernetes, exposure: { mode: 'cluster' } };
  retailer!.peers = [{ ...retailer!.peers![0]!, address: 'peer0.shop.example.net:8443' }];
  spec.quorum = {
    payments: {
      chainId: 1337,
      privacy: true,
      validators: [
        { name: 'validator0', organization: 'manufacturer', publicKey: PUBLIC_KEY },
        { name: 'validator1', organization: 'distributor', publicKey: PUBLIC_KEY },
        { name: 'validator2', organization: 'operator', publicKey: PUBLIC_KEY },
        { name: 'validator3', organization: 'retailer', publicKey: PUBLIC_KEY },
      ],
    },
  };
  return spec;
}

type Json = Record<string, any>;

describe('exposedAddress', () => {
  const node = { host: 'peer0.org1.example.com', port: 7051, serviceName: 'peer0', tls: true };
  const org = { domain: 'org1.example.com', namespace: 'org1' };

  it('keeps <host>:<port> when no exposure is chosen, and for a LoadBalancer', () => {
    expect(exposedAddress(org, node)).toEqual({ host: 'peer0.org1.example.com', port: 7051 });
    expect(exposedAddress({ ...org, exposure: { mode: 'loadBalancer', annotations: {} } }, node)).toEqual({
      host: 'peer0.org1.example.com',
      port: 7051,
    });
  });

  it('gives the Service DNS name in cluster mode and <host>:443 behind a Gateway', () => {
    expect(exposedAddress({ ...org, exposure: { mode: 'cluster' } }, node)).toEqual({
      host: 'peer0.org1.svc.cluster.local',
      port: 7051,
    });
    const gateway = { mode: 'gateway', port: 443, route: { kind: 'tlsRoute', gateway: { name: 'gw' } } } as const;
    expect(exposedAddress({ ...org, exposure: gateway }, node)).toEqual({ host: 'peer0.org1.example.com', port: 443 });
    // devp2p is not TLS: SNI cannot route it, so it keeps its own port (a LoadBalancer Service).
    expect(exposedAddress({ ...org, exposure: gateway }, { ...node, port: 30303, tls: false })).toEqual({
      host: 'peer0.org1.example.com',
      port: 30303,
    });
  });

  it('lets an explicit address win over every mode', () => {
    expect(
      exposedAddress({ ...org, exposure: { mode: 'cluster' } }, { ...node, address: 'edge.example.net:9443' }),
    ).toEqual({ host: 'edge.example.net', port: 9443 });
  });

  it('lists every name a pod may dial a Service by', () => {
    expect(clusterServiceHosts('peer0', 'org1')).toEqual([
      'peer0',
      'peer0.org1',
      'peer0.org1.svc',
      'peer0.org1.svc.cluster.local',
    ]);
  });
});

describe('addresses flow into what other organizations dial', () => {
  const model = normalize(exposedSupplyChain(), dirname(specFile));
  const org = (name: string) => model.organizations.find((candidate) => candidate.name === name)!;

  it('gives each node its address by its organization exposure', () => {
    expect(nodeAddress(org('operator').orderers[0]!)).toBe('orderer0.operator.supply.example.com:443');
    expect(nodeAddress(org('manufacturer').peers[0]!)).toBe('peer0.manufacturer.supply.example.com:7051');
    expect(nodeAddress(org('distributor').peers[0]!)).toBe('peer0.supply-distributor.svc.cluster.local:7051');
    expect(nodeAddress(org('distributor').ca)).toBe('ca-distributor.supply-distributor.svc.cluster.local:7054');
    expect(nodeAddress(org('retailer').peers[0]!)).toBe('peer0.shop.example.net:8443');
    // The listen port stays the container's: only the address moves.
    expect(org('operator').orderers[0]!.port).toBe(7050);
  });

  it('puts the addresses into consenters, orderer endpoints and anchor peers of the channel config', () => {
    const config = channelConfigJson(model, 'production') as Json;
    const orderer = config.channel_group.groups.Orderer;
    expect(orderer.values.ConsensusType.value.metadata.consenters.map((c: Json) => `${c.host}:${c.port}`)).toEqual([
      'orderer0.operator.supply.example.com:443',
      'orderer1.operator.supply.example.com:443',
      'orderer2.operator.supply.example.com:443',
    ]);
    expect(orderer.groups.OperatorMSP.values.Endpoints.value.addresses).toEqual([
      'orderer0.operator.supply.example.com:443',
      'orderer1.operator.supply.example.com:443',
      'orderer2.operator.supply.example.com:443',
    ]);
    const application = config.channel_group.groups.Application.groups;
    expect(application.ManufacturerMSP.values.AnchorPeers.value.anchor_peers).toEqual([
      { host: 'peer0.manufacturer.supply.example.com', port: 7051 },
    ]);
    expect(application.DistributorMSP.values.AnchorPeers.value.anchor_peers).toEqual([
      { host: 'peer0.supply-distributor.svc.cluster.local', port: 7051 },
    ]);
  });

  it('puts them into connection profiles, with the address host as the TLS name', () => {
    const result = buildConnectionProfile(model, 'retailer', { tlsCaCerts: () => [] });
    if (!result.ok) throw new Error(result.problem);
    const profile = result.profile as unknown as Json;
    expect(profile.peers['peer0.retailer.supply.example.com']).toMatchObject({
      url: 'grpcs://peer0.shop.example.net:8443',
      grpcOptions: { 'ssl-target-name-override': 'peer0.shop.example.net' },
    });
    expect(Object.values(profile.orderers).map((entry) => (entry as Json).url)).toContain(
      'grpcs://orderer0.operator.supply.example.com:443',
    );
  });

  it('puts them into enodes and Tessera peers, on the Services the manifests emit', () => {
    const payments = model.quorum[0]!;
    expect(staticNodes(payments)).toEqual([
      `enode://${PUBLIC_KEY}@payments-validator0.manufacturer.supply.example.com:30303`,
      `enode://${PUBLIC_KEY}@payments-validator1.supply-distributor.svc.cluster.local:30303`,
      // The operator's Gateway cannot carry devp2p: its Quorum node keeps its p2p port.
      `enode://${PUBLIC_KEY}@payments-validator2.operator.supply.example.com:30303`,
      // The retailer chose no exposure: its Quorum node is dialled on its Service, as before.
      `enode://${PUBLIC_KEY}@payments-validator3.supply-retailer.svc.cluster.local:30303`,
    ]);
    expect(tesseraPeers(payments).map((peer) => peer.url)).toEqual([
      'http://payments-validator0-tessera.manufacturer.supply.example.com:9000',
      'http://payments-validator1-tessera.supply-distributor.svc.cluster.local:9000',
      'http://payments-validator2-tessera.operator.supply.example.com:9000',
      'http://payments-validator3-tessera.supply-retailer.svc.cluster.local:9000',
    ]);
  });
});

describe('an example without exposure keeps its addresses', () => {
  it('addresses every node at <node>.<domain>:<port>, as its committed channel blocks do', () => {
    const model = normalize(supplyChain(), dirname(specFile));
    for (const org of model.organizations)
      for (const node of [...org.peers, ...org.orderers])
        expect(node.address).toEqual({ host: node.host, port: node.port });
  });
});
