// Rotating the TLS certificates of all three Raft consenters of the supply-chain example, live on 127.0.0.1: the
// spec points each orderer at a renewed certificate (netspec crypto --renew, new keys), the plan stages one
// consenter per update, and each stage is signed, verified and applied in turn. The test orderer models the Raft
// cluster apart from netspec's code (_raft-cluster.ts): Broadcast needs a majority of consenters presenting the
// certificates the config names, and refuses more than one consenter change per update. After each stage the
// rotated node still presents its old certificate (2 of 3 take part: the cluster serves), then restarts with the
// new one (3 of 3), and the next stage is planned from the fetched config.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyFabricBundle, fetchState } from '../../../src/apply/fabric/index.js';
import { renewNodeCertificates } from '../../../src/crypto/renew.js';
import { writeNewFiles } from '../../../src/crypto/write-material.js';
import { type TestBundle, verifiedAt, verifyAt } from '../../helpers/bundle-fixture.js';
import { identityOf } from './_lifecycle-network.js';
import { FAST, planBundle, sign, startNetwork, type TestNetwork, writeSpec } from './_network.js';
import { noLeader, participating } from './_raft-cluster.js';

const ORDERERS = ['orderer0', 'orderer1', 'orderer2'].map((name) => ({
  name,
  endpoint: `${name}.operator.supply.example.com:7050`,
}));

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

async function apply(net: TestNetwork, bundle: TestBundle) {
  const result = await applyFabricBundle({
    verified: verifiedAt(bundle.dir, bundle),
    identity: net.identity,
    connection: FAST,
    commitTimeoutMs: 1000,
    pollMs: 10,
  });
  expect(result.refused).toEqual([]);
  return result.steps.filter((s) => s.action === 'update').map((s) => `${s.channel} ${s.outcome}`);
}

/** `netspec fetch` into the state folder: what the next plan starts from. */
async function fetchInto(net: TestNetwork): Promise<void> {
  const fetched = await fetchState(net.model, identityOf(net, 'manufacturer'), { connection: FAST });
  for (const [path, bytes] of fetched.files) writeFileSync(join(net.stateDir, path), bytes);
}

describe('rotating every Raft consenter TLS certificate', () => {
  it('plans three ordered updates, and the cluster keeps serving at every step', { timeout: 120_000 }, async () => {
    network = await startNetwork();
    const net = network;
    // First the example's pending changes, so that the rotation is all that is left.
    const initial = planBundle(net);
    sign(initial, 'manufacturer', 'distributor', 'operator');
    await apply(net, initial);
    await fetchInto(net);

    // The cluster: each orderer presents the certificate the live config names for it.
    const crypto = join(net.dir, 'crypto/operator/orderers');
    for (const { endpoint } of ORDERERS) {
      const host = endpoint.split(':')[0]!;
      net.fake.raftNodes.set(endpoint, readFileSync(join(crypto, host, 'tls/server.crt'), 'utf8'));
    }
    const serving = () => participating(net.fake.config('production'), net.fake.raftNodes).length;
    expect(serving()).toBe(3);

    // Renewed certificates (new keys, 30 days) and the spec edit that makes the rotation a reviewed change.
    const renewed = new Map<string, string>();
    for (const { name, endpoint } of ORDERERS) {
      const result = await renewNodeCertificates(net.dir, {
        organization: 'operator',
        domain: 'operator.supply.example.com',
        kind: 'orderer',
        host: endpoint.split(':')[0]!,
        newKey: true,
        days: 30,
      });
      writeNewFiles(net.dir, result.files);
      renewed.set(name, result.tlsCert);
    }
    writeSpec(net.specFile, net.fake.port, net.fake.adminPort, (text) =>
      ORDERERS.reduce(
        (edited, { name }) =>
          edited.replace(
            `      - name: ${name}\n        port: 7050\n`,
            `      - name: ${name}\n        port: 7050\n        tlsCert: ${renewed.get(name)}\n`,
          ),
        text,
      ),
    );

    for (const [step, { name, endpoint }] of ORDERERS.entries()) {
      const bundle = planBundle(net);
      expect(bundle.plan.guards).toEqual([]);
      for (const channel of bundle.plan.channels) {
        expect(channel.delta.map((d) => `${d.change} ${d.path}`)).toEqual(['modify /Channel/Orderer/ConsensusType']);
        // Three stages, then two: the last one left is a single update.
        const left = ORDERERS.length - step;
        if (left > 1)
          expect(channel.stages!.map((s) => `${s.number} ${s.status} ${s.title}`)).toEqual(
            ORDERERS.slice(step).map(
              (o, index) => `${index + 1} ${index === 0 ? 'this' : 'later'} TLS certificate of consenter ${o.endpoint}`,
            ),
          );
        else expect(channel.stages).toBeUndefined();
      }
      // Only the ordering organization's admins govern the consensus: the operator signs alone.
      sign(bundle, 'operator');
      expect(verifyAt(bundle.dir, bundle).report.status).toBe('satisfied');
      expect(await apply(net, bundle)).toEqual(['production applied', 'distribution applied']);

      // The rotated node still presents its old certificate: the other two carry the cluster.
      expect(participating(net.fake.config('production'), net.fake.raftNodes)).not.toContain(endpoint);
      expect(serving()).toBe(2);
      expect(noLeader(net.fake.config('distribution'), net.fake.raftNodes)).toBeUndefined();
      // It restarts with its new certificate and rejoins.
      net.fake.raftNodes.set(endpoint, readFileSync(join(net.dir, renewed.get(name)!), 'utf8'));
      expect(serving()).toBe(3);
      await fetchInto(net);
    }
    expect(planBundle(net).plan.channels.map((c) => c.action)).toEqual(['noop', 'noop']);
  });
});
