// enrollUsers against a local HTTPS Fabric CA: token-authenticated register, basic-auth enroll, real
// certificates; idempotence, refusals and an unreachable CA each reported per user while the rest goes on.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CaConnection,
  enrollUsers,
  type IdentityFiles,
  registerIdentity,
  type UserEvent,
} from '../../../src/apply/fabric-ca/index.js';
import type { UserModel } from '../../../src/compiler/model/network-model.js';
import { FABRIC_ATTRS_OID, type FakeFabricCa, startFakeFabricCa } from './_fake-fabric-ca.js';
import { manufacturerMaterial } from './_supply-chain-copy.js';

const material = manufacturerMaterial();
let fake: FakeFabricCa | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const registrar = { certificatePem: material.adminCertPem, privateKey: createPrivateKey(material.adminKeyPem) };
const start = (existing: string[] = []) =>
  startFakeFabricCa({
    caName: 'ca-manufacturer',
    caCertPem: material.caCertPem,
    caKeyPem: material.caKeyPem,
    tlsCaCertPem: material.tlsCaCertPem,
    tlsCaKeyPem: material.tlsCaKeyPem,
    registrarCertPem: material.adminCertPem,
    existing,
  });
const connection = (url: string, extra: Partial<CaConnection> = {}): CaConnection => ({
  url,
  caName: 'ca-manufacturer',
  tlsCaCerts: [material.tlsCaCertPem],
  retries: 0,
  ...extra,
});

async function run(users: UserModel[], ca: CaConnection, dryRun = false) {
  const events: UserEvent[] = [];
  const stored = new Map<string, IdentityFiles>();
  const summary = await enrollUsers({
    organization: 'manufacturer',
    users,
    ca,
    registrar: { ...registrar },
    dryRun,
    store: (user, files) => {
      stored.set(user, files);
      return `/out/${user}`;
    },
    onEvent: (event) => events.push(event),
  });
  return { events, stored, summary };
}

describe('enrollUsers', () => {
  it('registers with the verified token, enrolls with a fresh key, and returns a certificate for that key', async () => {
    fake = await start();
    const users: UserModel[] = [
      { name: 'factory-app', type: 'client', attributes: { plant: 'detroit', department: 'production' } },
    ];
    const { events, stored, summary } = await run(users, connection(fake.url));
    expect(summary).toEqual({ enrolled: 1, existing: 0, failed: 0 });
    expect(events.map((e) => [e.event, e.user, e.path])).toEqual([['enrolled', 'factory-app', '/out/factory-app']]);
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ['/api/v1/register', 201],
      ['/api/v1/enroll', 201],
    ]);
    const entry = fake.registered.get('factory-app')!;
    expect(entry.type).toBe('client');
    expect(entry.attrs).toEqual([
      { name: 'department', value: 'production', ecert: true },
      { name: 'plant', value: 'detroit', ecert: true },
    ]);

    const files = stored.get('factory-app')!;
    const cert = new X509Certificate(files.certificatePem);
    expect(cert.subject).toContain('CN=factory-app');
    expect(cert.checkIssued(new X509Certificate(material.caCertPem))).toBe(true);
    // The issued certificate certifies the private key netspec generated (and kept).
    const ours = createPublicKey(createPrivateKey(files.privateKeyPem)).export({ type: 'spki', format: 'der' });
    expect(cert.publicKey.export({ type: 'spki', format: 'der' }).equals(ours)).toBe(true);
    expect(files.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(files.caChainPem).toBe(material.caCertPem);
    // Fabric CA's attribute extension carries what the spec lists.
    expect(cert.raw.includes(Buffer.from('{"attrs":{"department":"production","plant":"detroit"}}'))).toBe(true);
    expect(FABRIC_ATTRS_OID).toBe('1.2.3.4.5.6.7.8.1');
  });

  it('leaves an already registered user alone, reports it, and still enrolls the others', async () => {
    fake = await start(['legacy-app']);
    const users: UserModel[] = [
      { name: 'legacy-app', type: 'client', attributes: {} },
      { name: 'new-app', type: 'admin', attributes: {} },
    ];
    const { events, summary } = await run(users, connection(fake.url));
    expect(summary).toEqual({ enrolled: 1, existing: 1, failed: 0 });
    expect(events.map((e) => [e.event, e.user])).toEqual([
      ['exists', 'legacy-app'],
      ['enrolled', 'new-app'],
    ]);
    expect(events[0]!.message).toBe(`legacy-app: already registered at ${fake.url}; left alone`);
    expect(fake.registered.get('new-app')!.type).toBe('admin');
    // No enroll was attempted for the existing user.
    expect(fake.requests.filter((r) => r.path === '/api/v1/enroll').map((r) => r.id)).toEqual(['new-app']);
  });

  it('refuses a reserved or malformed attribute before calling the CA, and goes on with the next user', async () => {
    fake = await start();
    const users: UserModel[] = [
      { name: 'sneaky-app', type: 'client', attributes: { 'hf.Registrar.Roles': 'client' } },
      { name: 'spaced-app', type: 'client', attributes: { 'two words': 'x' } },
      { name: 'good-app', type: 'client', attributes: {} },
    ];
    const { events, summary } = await run(users, connection(fake.url));
    expect(summary).toEqual({ enrolled: 1, existing: 0, failed: 2 });
    expect(events[0]!.message).toBe(
      "sneaky-app: not registered: attribute 'hf.Registrar.Roles' is reserved by Fabric CA (hf.* attributes grant CA privileges and are set by the CA)",
    );
    expect(events[1]!.message).toMatch(
      /^spaced-app: not registered: attribute 'two words' is not a valid attribute name/,
    );
    expect(fake.requests.map((r) => r.id)).toEqual(['good-app', 'good-app']);
  });

  it('reports a token the CA rejects (another key than the registrar certificate’s) as a refusal', async () => {
    fake = await start();
    const otherKey = createPrivateKey(manufacturerMaterial().caKeyPem);
    await expect(
      registerIdentity(
        connection(fake.url),
        { certificatePem: material.adminCertPem, privateKey: otherKey },
        {
          id: 'x',
          type: 'client',
          affiliation: '',
          attrs: [],
        },
      ),
    ).rejects.toThrow(/Authentication failure: .*\(code 20\)/);
    expect(fake.requests).toEqual([{ path: '/api/v1/register', status: 401 }]);
  });

  it('reports a CA that refuses (wrong CA name) per user', async () => {
    fake = await start();
    const users: UserModel[] = [{ name: 'a', type: 'client', attributes: {} }];
    const { events, summary } = await run(users, connection(fake.url, { caName: 'ca-nope' }));
    expect(summary.failed).toBe(1);
    expect(events[0]!.message).toBe("a: register failed: the CA refused: CA 'ca-nope' does not exist (code 19)");
  });

  it('stops calling a CA that is down, reporting every user, without waiting per user', async () => {
    fake = await start();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const users: UserModel[] = [
      { name: 'a', type: 'client', attributes: {} },
      { name: 'b', type: 'client', attributes: {} },
    ];
    const { events, summary } = await run(users, connection(url, { retries: 1, backoffMs: 1 }));
    expect(summary).toEqual({ enrolled: 0, existing: 0, failed: 2 });
    expect(events[0]!.message).toMatch(
      /^a: register failed: cannot reach https:\/\/localhost:\d+ \(ECONNREFUSED\) after 2 attempts$/,
    );
    expect(events[1]!.message).toMatch(/^b: not registered: the CA is unreachable \(cannot reach/);
  });

  it('does not trust a CA whose TLS certificate is not from the org’s TLS CA', async () => {
    fake = await start();
    const users: UserModel[] = [{ name: 'a', type: 'client', attributes: {} }];
    const { events } = await run(users, connection(fake.url, { tlsCaCerts: [material.caCertPem] }));
    expect(events[0]!.event).toBe('failed');
    expect(events[0]!.message).toMatch(
      /cannot reach https:\/\/localhost:\d+ \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable)/,
    );
    expect(fake.requests).toEqual([]);
  });

  it('dry run contacts nobody', async () => {
    fake = await start();
    const { events } = await run([{ name: 'a', type: 'client', attributes: {} }], connection(fake.url), true);
    expect(events.map((e) => e.event)).toEqual(['planned']);
    expect(fake.requests).toEqual([]);
  });
});
