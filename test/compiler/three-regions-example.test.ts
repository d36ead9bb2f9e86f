// networks/three-regions: three banks in three clusters, exposed by Gateway API, LoadBalancer and ingress-nginx.
// It validates without findings (its TLS certificates name every address), plans with nothing to change on its
// channel and Besu network, and its manifests route every address another bank dials.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConnectionProfile } from '../../src/compiler/connection-profile/connection-profile.js';
import { channelConfigJson } from '../../src/compiler/fabric/config/channel-config.js';
import { emitManifests } from '../../src/compiler/k8s/index.js';
import { nodeAddress } from '../../src/compiler/model/index.js';
import { staticNodes } from '../../src/compiler/quorum/index.js';
import { loadExample, planExample } from '../helpers/plan-fixture.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const spec = 'networks/three-regions/network.yaml';
type Json = Record<string, any>;

describe('networks/three-regions', () => {
  const { loaded } = loadExample('three-regions');
  const { model } = loaded;

  it('validates with no finding at all', async () => {
    const result = await runCli(['validate', spec, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
  });

  it('addresses each bank by its exposure, in the channel config and the Besu static nodes', async () => {
    const config = channelConfigJson(model, 'settlement') as Json;
    const consenters = config.channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters as Json[];
    expect(consenters.map((c) => `${c.host}:${c.port}`)).toEqual([
      'orderer0.emea.three-regions.example.com:443',
      'orderer0.americas.three-regions.example.com:7050',
      'orderer0.apac.three-regions.example.com:443',
    ]);
    const anchors = config.channel_group.groups.Application.groups.AmericasBankMSP.values.AnchorPeers.value;
    expect(anchors.anchor_peers).toEqual([{ host: 'peer0.americas.three-regions.example.com', port: 7051 }]);
    expect(staticNodes(model.quorum[0]!).map((enode) => enode.split('@')[1])).toEqual([
      'ledger-validator0.emea.three-regions.example.com:30303',
      'ledger-validator1.emea.three-regions.example.com:30303',
      'ledger-validator2.americas.three-regions.example.com:30303',
      'ledger-validator3.apac.three-regions.example.com:30303',
    ]);
    const profile = buildConnectionProfile(model, 'apac');
    if (!profile.ok) throw new Error(profile.problem);
    expect((profile.profile as unknown as Json).peers['peer0.apac.three-regions.example.com'].url).toBe(
      'grpcs://peer0.apac.three-regions.example.com:443',
    );
  });

  it('has TLS certificates that name each node address and its Service names', async () => {
    for (const org of model.organizations)
      for (const [kind, node] of [
        ...org.peers.map((peer) => ['peers', peer] as const),
        ...org.orderers.map((orderer) => ['orderers', orderer] as const),
      ]) {
        const file = join(repoRoot, 'networks/three-regions/crypto', org.name, kind, node.host, 'tls/server.crt');
        const certificate = new X509Certificate(readFileSync(file));
        expect(certificate.checkHost(node.address.host), nodeAddress(node)).toBe(node.address.host);
        const service = `${node.serviceName}.${org.kubernetes.namespace}.svc.cluster.local`;
        expect(certificate.checkHost(service), service).toBe(service);
      }
  });

  it('plans nothing for its channel and Besu network, and every bank its first manifests', async () => {
    const result = planExample('three-regions');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = result.plan!;
    expect(plan.summary).toMatchObject({ channelsCreated: 0, channelsUpdated: 0, validatorVotes: 0 });
    expect(plan.kubernetes.map((org) => org.organization)).toEqual(['emea', 'americas', 'apac']);
    const text = (await runCli(['plan', spec])).stdout;
    expect(text).toContain('Channel settlement: no changes (config sequence 0)');
    expect(text).not.toMatch(/^Quorum/m);
  });

  it('emits the routes of each exposure mode', async () => {
    const emitted = emitManifests(model);
    expect(emitted.diagnostics).toEqual([]);
    const kinds = (org: string) =>
      (emitted.value ?? [])
        .find((m) => m.organization === org)!
        .objects.filter(
          (o) => o.kind === 'TLSRoute' || o.kind === 'Ingress' || (o as Json).spec?.type === 'LoadBalancer',
        )
        .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds('emea')).toEqual([
      'Service/ledger-validator0-external',
      'Service/ledger-validator1-external',
      'TLSRoute/ca-emea',
      'TLSRoute/peer0',
      'TLSRoute/orderer0',
    ]);
    expect(kinds('americas')).toEqual([
      'Service/ca-americas-external',
      'Service/peer0-external',
      'Service/orderer0-external',
      'Service/ledger-validator2-external',
    ]);
    expect(kinds('apac')).toEqual([
      'Service/ledger-validator3-external',
      'Ingress/ca-apac',
      'Ingress/peer0',
      'Ingress/orderer0',
    ]);
  });
});
