// New channels (genesis block to each orderer through the participation API over mutual TLS, then the acting
// org's peers join), retries while an orderer is down, and what is reported when the network fails half-way.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApplyStep,
  applyFabricBundle,
  type ClientIdentity,
  fetchConfigBlock,
  identityFromPem,
  joinChain,
  NodeConnection,
  ordererEndpoints,
  ordererHasChannel,
  peerEndpoints,
} from '../../../src/apply/fabric/index.js';
import { TlsRefusedError } from '../../../src/apply/fabric/tls-failure.js';
import type { VerifiedBundle } from '../../../src/governance/index.js';
import {
  adminFiles,
  type IdentityFiles,
  issueIdentity,
  type Org,
  selfSignedIdentity,
} from '../../governance/_fixtures.js';
import { verifiedAt, withPlan } from '../../helpers/bundle-fixture.js';
import { FAST, orgCredentials, planBundle, sign, startNetwork, type TestNetwork } from './_network.js';

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

/**
 * The operator applies only the creation of the new channel distribution, which needs no signature (the production
 * update stays unsigned), over `connection`.
 */
function createDistribution(net: TestNetwork, connection: Parameters<typeof applyFabricBundle>[0]['connection']) {
  const bundle = planBundle(net);
  const creation = { ...bundle.plan, channels: bundle.plan.channels.filter((c) => c.action === 'create') };
  return applyFabricBundle({
    verified: satisfied(withPlan(verifiedAt(bundle.dir, bundle), creation)),
    identity: net.identity,
    ...(connection ? { connection } : {}),
  });
}

describe('applyFabricBundle: new channels', () => {
  it('the operator joins its orderers, each member its own peers with its own identity; a re-run does nothing', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    const bundle = planBundle(network);
    expect(bundle.plan.channels.map((c) => [c.channel, c.action])).toEqual([
      ['production', 'update'],
      ['distribution', 'create'],
    ]);
    // Only the channel creation: the bundle's chaincode definitions are chaincode-lifecycle.test.ts's business.
    const verified = satisfied(
      withPlan(verifiedAt(bundle.dir, bundle), {
        ...bundle.plan,
        channels: bundle.plan.channels.filter((c) => c.action === 'create'),
        chaincodes: [],
      }),
    );
    const manufacturerTls = await orgCredentials(network, 'manufacturer');
    const manufacturer = {
      verified,
      identity: identityOf(network, 'manufacturer'),
      // Its own TLS client pair, from its own TLS CA: the orderer's admin API would refuse it (alert 42).
      connection: {
        ...FAST,
        tls: {
          certPem: readFileSync(manufacturerTls.tlsCertFile, 'utf8'),
          keyPem: readFileSync(manufacturerTls.tlsKeyFile, 'utf8'),
        },
      },
    };
    const line = (s: ApplyStep) => `${s.action} ${s.target} ${s.outcome}`;

    // Before the operator: the manufacturer may not join the operator's orderers, and its peers wait.
    const early = await applyFabricBundle(manufacturer);
    expect(early.steps.map(line)).toEqual([
      'join-orderer operator/orderer0 delegated',
      'join-orderer operator/orderer1 delegated',
      'join-orderer operator/orderer2 delegated',
      'join-peer manufacturer/peer0 waiting',
      'join-peer manufacturer/peer1 waiting',
      'join-peer distributor/peer0 delegated',
      'join-peer retailer/peer0 delegated',
    ]);
    expect(early.steps[3]!.detail).toMatch(/^no orderer serves distribution yet .*operator joins its orderers first/);
    expect(network.fake.newest('distribution')).toBeUndefined();

    const operator = await applyFabricBundle({ verified, identity: network.identity, connection: mtls(network) });
    // The three orderers share one fake: the first join creates the channel, the others find it there.
    expect(operator.steps.map(line)).toEqual([
      'join-orderer operator/orderer0 applied',
      'join-orderer operator/orderer1 already',
      'join-orderer operator/orderer2 already',
      'join-peer manufacturer/peer0 delegated',
      'join-peer manufacturer/peer1 delegated',
      'join-peer distributor/peer0 delegated',
      'join-peer retailer/peer0 delegated',
    ]);
    expect(network.fake.newest('distribution')!.number).toBe(0);
    expect(network.fake.peerChannels.size).toBe(0);
    expect(operator.records).toMatchObject([{ channel: 'distribution', sequence: 0, blockNumbers: [0] }]);

    const first = await applyFabricBundle(manufacturer);
    expect(first.steps.filter((s) => s.action === 'join-peer').map(line)).toEqual([
      'join-peer manufacturer/peer0 applied',
      'join-peer manufacturer/peer1 applied',
      'join-peer distributor/peer0 delegated',
      'join-peer retailer/peer0 delegated',
    ]);
    expect([...network.fake.peerLedgers.get('peer0.manufacturer.supply.example.com')!]).toEqual(['distribution']);
    expect(network.fake.peerLedgers.get('peer0.distributor.supply.example.com')).toBeUndefined();
    expect(first.records).toMatchObject([
      { channel: 'distribution', sequence: 0, txIds: [expect.any(String), expect.any(String)] },
    ]);
    const again = await applyFabricBundle(manufacturer);
    expect(again.steps.every((s) => s.outcome === 'already' || s.outcome === 'delegated')).toBe(true);
    expect(again.records).toEqual([]);
  });

  it('a peer refuses JoinChain from another organization’s admin', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    await expect(joinManufacturerPeer(network, identityOf(network, 'distributor').signer)).rejects.toThrow(
      /refused \(status 500: Failed to authorize invocation.*not an admin of the peer's local MSP ManufacturerMSP/,
    );
    expect(network.fake.peerChannels.size).toBe(0);
  });

  it.each([
    ['a client of its own organization', () => issueIdentity('manufacturer', { ou: 'client' })],
    ['a self-signed certificate dressed as its admin', () => selfSignedIdentity('manufacturer')],
  ])('a peer refuses JoinChain from %s', async (_, makeIdentity) => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    const signer = identityFrom(network, 'manufacturer', await makeIdentity()).signer;
    await expect(joinManufacturerPeer(network, signer)).rejects.toThrow(
      /refused \(status 500: Failed to authorize invocation.*creator \(ManufacturerMSP\) is not an admin of the peer's local MSP ManufacturerMSP/,
    );
    expect(network.fake.peerChannels.size).toBe(0);
  });

  it('the participation API refuses a client without a TLS client certificate', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    const result = await createDistribution(network, FAST);
    // The orderer's TLS refused us: a certificate to fix, not an orderer that refused a join.
    expect(result.steps[0]).toMatchObject({
      action: 'join-orderer',
      outcome: 'failed',
      code: 'NS_APPLY_TLS_REFUSED',
      detail: expect.stringMatching(/admin API \(127\.0\.0\.1:\d+\) wants a TLS client certificate and we sent none$/),
      hint: 'give --tls-cert and --tls-key (a TLS pair of operator, issued by the TLS CA it trusts)',
    });
    expect(result.steps.filter((s) => s.action === 'join-peer').every((s) => s.outcome === 'delegated')).toBe(true);
    expect(network.fake.newest('distribution')).toBeUndefined();
  });

  it('the participation API refuses a TLS client certificate of another CA: NS_APPLY_TLS_REFUSED, naming the CA', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: newDistribution });
    // The operator's own signing identity, but the retailer's TLS pair: the orderer's TLS (Node's own, requestCert
    // with the operator's TLS CA alone) ends the handshake before any HTTP request.
    const retailer = await orgCredentials(network, 'retailer');
    const result = await createDistribution(network, {
      ...FAST,
      tls: { certPem: readFileSync(retailer.tlsCertFile, 'utf8'), keyPem: readFileSync(retailer.tlsKeyFile, 'utf8') },
    });
    const joins = result.steps.filter((s) => s.action === 'join-orderer');
    expect(joins).toHaveLength(3);
    for (const join of joins)
      expect(join).toMatchObject({
        outcome: 'failed',
        code: 'NS_APPLY_TLS_REFUSED',
        detail: expect.stringContaining(
          'did not accept our TLS client certificate (CN=Admin@retailer.supply.example.com issued by CN=tlsca.retailer.supply.example.com)',
        ),
        hint: 'give --tls-cert/--tls-key issued by that CA, or leave this step to operator',
      });
    expect(network.fake.newest('distribution')).toBeUndefined();
  });
});

describe('TLS refusals, said in words', () => {
  it('the admin API refuses another org’s TLS client certificate: which endpoint, which certificate, whose CA', async () => {
    network = await startNetwork();
    const orderer = ordererEndpoints(network.model)[0]!;
    // As recorded from Fabric v2.5.9 (fixtures/fabric-live/admin-api-tls-untrusted-client-node.txt): the
    // handshake is refused with alert 42, the request never reaches HTTP.
    const recorded = readFileSync(
      new URL('../../fixtures/fabric-live/admin-api-tls-untrusted-client-node.txt', import.meta.url),
      'utf8',
    );
    expect(recorded).toContain('code=ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE');
    const manufacturer = await orgCredentials(network, 'manufacturer');
    const tls = {
      certPem: readFileSync(manufacturer.tlsCertFile, 'utf8'),
      keyPem: readFileSync(manufacturer.tlsKeyFile, 'utf8'),
    };
    const refused = await ordererHasChannel(orderer, 'production', { ...FAST, tls }).catch((e: TlsRefusedError) => e);
    expect(refused).toBeInstanceOf(TlsRefusedError);
    expect((refused as TlsRefusedError).message).toMatch(
      /^operator\/orderer0 admin API \(127\.0\.0\.1:\d+\) did not accept our TLS client certificate \(CN=Admin@manufacturer\.supply\.example\.com issued by CN=tlsca\.manufacturer\.supply\.example\.com\): it trusts client certificates of its own TLS CA only \(an orderer's admin API: the TLS CA of operator\)$/,
    );
    expect((refused as TlsRefusedError).hint).toBe(
      'give --tls-cert/--tls-key issued by that CA, or leave this step to operator',
    );
    const none = await ordererHasChannel(orderer, 'production', FAST).catch((e: Error) => e.message);
    expect(none).toMatch(/admin API \(127\.0\.0\.1:\d+\) wants a TLS client certificate and we sent none/);
  });

  it('an orderer whose certificate is not from the TLS CA we trust for it is named, with the CA we trust', async () => {
    network = await startNetwork();
    const other = await orgCredentials(network, 'retailer');
    const orderer = { ...ordererEndpoints(network.model)[0]!, tlsCaPem: readFileSync(other.tlsCertFile, 'utf8') };
    const connection = new NodeConnection(orderer, FAST);
    try {
      const message = await fetchConfigBlock(connection, network.identity.signer, 'production').catch(
        (e: Error) => e.message,
      );
      expect(message).toMatch(
        /^Deliver: operator\/orderer0 Deliver \(127\.0\.0\.1:\d+\): its TLS certificate is not issued by the TLS CA we trust for operator \(trusted: CN=Admin@retailer\.supply\.example\.com\); the TLS CA trusted for operator\/orderer0 comes from connection\.endpoints\.operator\/orderer0\.tlsCaCert, else the tlscacerts of operator's MSP/,
      );
    } finally {
      connection.close();
    }
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
    expect(result.steps.map((s) => `${s.action} ${s.outcome}`)).toEqual([
      'update applied',
      'update applied',
      // The distribution update adds the retailer: its peers are the retailer's to join.
      'join-peer delegated',
    ]);
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

/** JoinChain, as `signer`, of the manufacturer's first peer to the new distribution channel the plan creates. */
async function joinManufacturerPeer(net: TestNetwork, signer: ClientIdentity['signer']): Promise<void> {
  const bundle = planBundle(net);
  const block = bundle.plan.channels.find((c) => c.action === 'create')!;
  const genesis = readFileSync(join(bundle.dir, block.artifact!));
  net.fake.store(new Uint8Array(genesis));
  const connection = new NodeConnection(peerEndpoints(net.model, 'manufacturer')[0]!, FAST);
  try {
    await joinChain(connection, signer, genesis);
  } finally {
    connection.close();
  }
}

/** `org`'s admin identity, from the example's DEMO-ONLY files of that org alone. */
function identityOf(net: TestNetwork, org: Org): ClientIdentity {
  return identityFrom(net, org, adminFiles(org));
}

function identityFrom(net: TestNetwork, org: Org, files: IdentityFiles): ClientIdentity {
  const chosen = identityFromPem(
    net.model.organizations.find((o) => o.name === org)!,
    readFileSync(files.certFile, 'utf8'),
    readFileSync(files.keyFile, 'utf8'),
  );
  if ('error' in chosen) throw new Error(chosen.error);
  return chosen.identity;
}

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
