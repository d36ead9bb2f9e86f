// The orderer checks who submits a config update before it looks at the update's signatures: the envelope's
// creator must satisfy /Channel/Writers (Fabric's SigFilter). A fully signed update is refused with FORBIDDEN
// when submitted by an organization outside the channel, or by a member identity that may read but not write
// (a peer's); apply names the submitter and the policy, and nothing changes on the channel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyFabricBundle,
  type ClientIdentity,
  configUpdateEnvelope,
  identityFromPem,
  liveConfigFacts,
  NodeConnection,
  ordererEndpoints,
} from '../../../src/apply/fabric/index.js';
import { signatureInputsOf } from '../../../src/governance/index.js';
import { adminFiles } from '../../governance/_fixtures.js';
import { readTestBundle, verifiedAt, withPlan } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { FAST, planBundle, sign, startNetwork, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

function identity(net: TestNetwork, org: string, certFile: string, keyFile: string): ClientIdentity {
  const chosen = identityFromPem(
    net.model.organizations.find((o) => o.name === org)!,
    readFileSync(certFile, 'utf8'),
    readFileSync(keyFile, 'utf8'),
  );
  if ('error' in chosen) throw new Error(chosen.error);
  return chosen.identity;
}

function peerIdentity(net: TestNetwork): ClientIdentity {
  const msp = join(
    repoRoot,
    'networks/supply-chain/crypto/manufacturer/peers/peer0.manufacturer.supply.example.com/msp',
  );
  return identity(
    net,
    'manufacturer',
    join(msp, 'signcerts', 'peer0.manufacturer.supply.example.com-cert.pem'),
    join(msp, 'keystore', 'priv_sk'),
  );
}

describe('the orderer checks the submitter against /Channel/Writers', () => {
  it('refuses a fully signed update broadcast by an organization outside the channel with FORBIDDEN', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const retailer = adminFiles('retailer');
    const outsider = identity(network, 'retailer', retailer.certFile, retailer.keyFile);
    const channel = bundle.plan.channels.find((c) => c.channel === 'production')!;
    const update = new Uint8Array(readFileSync(join(bundle.dir, channel.artifact!)));
    const signatures = signatureInputsOf(readTestBundle(bundle.dir), 'production').inputs.map((s) => ({
      signature_header: s.signatureHeader,
      signature: s.signature,
    }));
    const { envelope } = configUpdateEnvelope(outsider.signer, 'production', update, signatures);
    const connection = new NodeConnection(ordererEndpoints(network.model)[0]!, FAST);
    try {
      const answer = await connection.broadcast(envelope);
      expect(answer.status).toBe(403);
      expect(answer.info).toBe(
        "config update for existing channel did not pass initial checks: implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied",
      );
      // The same envelope from a member admin passes the check (and the update's own policies).
      const operator = configUpdateEnvelope(network.identity.signer, 'production', update, signatures);
      expect((await connection.broadcast(operator.envelope)).status).toBe(200);
    } finally {
      connection.close();
    }
  });

  it('apply reports a submitter that may read the channel but not write to it, and nothing changes', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const before = liveConfigFacts(network.fake.newest('production')!.block).sequence;
    const result = await applyFabricBundle({
      verified: withPlan(verifiedAt(bundle.dir, bundle), { ...bundle.plan, chaincodes: [] }),
      identity: peerIdentity(network),
      connection: FAST,
      commitTimeoutMs: 1000,
      pollMs: 10,
    });
    expect(result.steps.map((s) => `${s.channel} ${s.action} ${s.outcome}`)).toEqual([
      'production update failed',
      'distribution update failed',
    ]);
    expect(result.steps.map((s) => s.code)).toEqual(['NS_APPLY_SUBMITTER_REFUSED', 'NS_APPLY_SUBMITTER_REFUSED']);
    expect(result.steps[0]!.detail).toMatch(
      /^the orderer refused the submitter: ManufacturerMSP's identity does not satisfy \/Channel\/Writers of production \(submit as an admin or client of a member organization\) \(403 FORBIDDEN: config update for existing channel did not pass initial checks: implicit policy evaluation failed/,
    );
    expect(result.records).toEqual([]);
    expect(liveConfigFacts(network.fake.newest('production')!.block).sequence).toBe(before);
  });

  it('apply by an organization outside the channel is reported, and nothing changes', async () => {
    network = await startNetwork();
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const retailer = adminFiles('retailer');
    const result = await applyFabricBundle({
      verified: withPlan(verifiedAt(bundle.dir, bundle), {
        ...bundle.plan,
        channels: bundle.plan.channels.filter((c) => c.channel === 'production'),
        chaincodes: [],
      }),
      identity: identity(network, 'retailer', retailer.certFile, retailer.keyFile),
      connection: FAST,
    });
    expect(result.steps.map((s) => `${s.channel} ${s.action} ${s.outcome}`)).toEqual(['production update failed']);
    // Fabric's orderer answers Deliver with FORBIDDEN first (/Channel/Readers): the update is never broadcast.
    expect(result.steps[0]).toMatchObject({
      target: 'operator/orderer0',
      code: 'NS_APPLY_SUBMITTER_REFUSED',
      detail: expect.stringMatching(
        /^the orderer refused the submitter: RetailerMSP's identity may not read production \(\/Channel\/Readers\); apply as an admin of a member organization of the channel \(.*403 FORBIDDEN\)\)$/,
      ),
    });
    expect(network.fake.received.broadcast).toBe(0);
  });
});
