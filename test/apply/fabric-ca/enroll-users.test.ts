// enrollUsers against a local HTTPS Fabric CA (token-authenticated register and identities GET/PUT, basic-auth
// enroll, token reenroll, real certificates): a run converges the CA and the output folder to the spec, and
// every way a run can end half-done (enroll refused by a proxy, a new runner, a lost folder, a changed attribute)
// is repaired by the next one; an identity someone else registered differently is drift, never success.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CaConnection,
  certificateAttributes,
  type EnrollUsersOptions,
  enrollUsers,
  type IdentityFiles,
  type StoredIdentity,
  type UserEvent,
} from '../../../src/apply/fabric-ca/index.js';
import type { UserModel } from '../../../src/compiler/model/network-model.js';
import { FABRIC_ATTRS_OID, type FakeCaOptions, type FakeFabricCa, startFakeFabricCa } from './_fake-fabric-ca.js';
import { manufacturerCaOptions, manufacturerMaterial } from './_supply-chain-copy.js';

const material = manufacturerMaterial();
let fake: FakeFabricCa | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const registrar = { certificatePem: material.adminCertPem, privateKey: createPrivateKey(material.adminKeyPem) };
const start = (existing: FakeCaOptions['existing'] = []) => startFakeFabricCa({ ...manufacturerCaOptions(), existing });
const connection = (url: string, extra: Partial<CaConnection> = {}): CaConnection => ({
  url,
  caName: 'ca-manufacturer',
  tlsCaCerts: [material.tlsCaCertPem],
  tlsTrustSource: 'the MSP TLS roots of manufacturer',
  retries: 0,
  ...extra,
});

/** The output folder, in memory: what a runner has (or lost) between runs. */
type Folder = Map<string, IdentityFiles>;

async function run(
  users: UserModel[],
  ca: CaConnection,
  folder: Folder = new Map(),
  extra: Partial<EnrollUsersOptions> = {},
) {
  const events: UserEvent[] = [];
  const summary = await enrollUsers({
    organization: 'manufacturer',
    mspId: 'ManufacturerMSP',
    users,
    ca,
    registrar: { ...registrar },
    mspRootsPem: [material.caCertPem],
    dryRun: false,
    driftAllowed: () => false,
    load: (user): StoredIdentity => {
      const files = folder.get(user);
      return files
        ? { path: `/out/${user}`, certificatePem: files.certificatePem, privateKeyPem: files.privateKeyPem }
        : { path: `/out/${user}` };
    },
    store: (user, files) => {
      folder.set(user, files);
      return `/out/${user}`;
    },
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { events, folder, summary };
}

const calls = (ca: FakeFabricCa) => ca.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const FACTORY: UserModel = {
  name: 'factory-app',
  type: 'client',
  attributes: { plant: 'detroit', department: 'production' },
};

describe('enrollUsers', () => {
  it('registers with the verified token, enrolls with a fresh key, and returns a certificate for that key', async () => {
    fake = await start();
    const { events, folder, summary } = await run([FACTORY], connection(fake.url));
    expect(summary).toEqual({ enrolled: 1, unchanged: 0, drift: 0, failed: 0, planned: 0 });
    expect(events.map((e) => [e.event, e.user, e.path])).toEqual([['enrolled', 'factory-app', '/out/factory-app']]);
    expect(calls(fake)).toEqual([
      'POST /api/v1/cainfo 200',
      'GET /api/v1/identities/factory-app 404',
      'POST /api/v1/register 201',
      'POST /api/v1/enroll 201',
    ]);
    const entry = fake.registered.get('factory-app')!;
    expect(entry.type).toBe('client');
    expect(entry.attrs.filter((a) => !a.name.startsWith('hf.'))).toEqual([
      { name: 'department', value: 'production', ecert: true },
      { name: 'plant', value: 'detroit', ecert: true },
    ]);

    const files = folder.get('factory-app')!;
    const cert = new X509Certificate(files.certificatePem);
    expect(cert.subject).toContain('CN=factory-app');
    expect(cert.checkIssued(new X509Certificate(material.caCertPem))).toBe(true);
    const ours = createPublicKey(createPrivateKey(files.privateKeyPem)).export({ type: 'spki', format: 'der' });
    expect(cert.publicKey.export({ type: 'spki', format: 'der' }).equals(ours)).toBe(true);
    expect(files.caChainPem).toBe(material.caCertPem);
    expect(certificateAttributes(files.certificatePem)).toMatchObject({ department: 'production', plant: 'detroit' });
    expect(FABRIC_ATTRS_OID).toBe('1.2.3.4.5.6.7.8.1');
  });

  it('a second run with the folder in place changes nothing and only reads', async () => {
    fake = await start();
    const folder: Folder = new Map();
    await run([FACTORY], connection(fake.url), folder);
    fake.requests.length = 0;
    const { events, summary } = await run([FACTORY], connection(fake.url), folder);
    expect(summary).toMatchObject({ enrolled: 0, unchanged: 1, failed: 0 });
    expect(events[0]!.message).toBe('factory-app: up to date; enrollment in /out/factory-app is current');
    expect(calls(fake)).toEqual(['POST /api/v1/cainfo 200', 'GET /api/v1/identities/factory-app 200']);
  });

  it('story 1: an enroll refused by a proxy (503) is failed, and the next run enrolls with a fresh secret', async () => {
    fake = await start();
    fake.failNext.push({ method: 'POST', path: '/api/v1/enroll', status: 503 });
    const folder: Folder = new Map();
    const first = await run([FACTORY], connection(fake.url), folder);
    expect(first.summary.failed).toBe(1);
    expect(first.events[0]!.message).toBe(
      `factory-app: registered, but enroll failed (the next run enrolls it with a fresh secret): the CA refused: ${fake.url.replace('localhost', 'localhost')} answered HTTP 503, not Fabric CA JSON: the CA or a proxy in front of it is unavailable; run again once it is up`,
    );
    // A proxy saying the CA is down is the CA not answering: the user brings it up, nothing else to change.
    expect(first.events[0]!.code).toBe('NS_APPLY_UNREACHABLE');
    expect(folder.size).toBe(0);
    const registeredSecret = fake.registered.get('factory-app')!.secret;

    fake.requests.length = 0;
    const second = await run([FACTORY], connection(fake.url), folder);
    expect(second.summary).toMatchObject({ enrolled: 1, failed: 0 });
    expect(second.events[0]!.message).toBe(
      'factory-app: enrolled with a fresh secret (no enrollment in /out/factory-app); identity written to /out/factory-app',
    );
    expect(calls(fake)).toEqual([
      'POST /api/v1/cainfo 200',
      'GET /api/v1/identities/factory-app 200',
      'PUT /api/v1/identities/factory-app 200',
      'POST /api/v1/enroll 201',
    ]);
    // The CA holds a new secret, which no event, message or file carries.
    const secret = fake.registered.get('factory-app')!.secret;
    expect(secret).not.toBe(registeredSecret);
    const everything = JSON.stringify([first.events, second.events, [...folder.values()]]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(registeredSecret);
    expect(new X509Certificate(folder.get('factory-app')!.certificatePem).subject).toContain('CN=factory-app');
  });

  it('story 2: a new runner (or a lost folder) gets every identity back, not "already registered"', async () => {
    fake = await start({ 'legacy-app': {} });
    const users: UserModel[] = [FACTORY, { name: 'legacy-app', type: 'client', attributes: {} }];
    await run(users, connection(fake.url), new Map());
    const freshRunner: Folder = new Map();
    const { events, summary } = await run(users, connection(fake.url), freshRunner);
    expect(summary).toMatchObject({ enrolled: 2, failed: 0 });
    expect(events.map((e) => e.message)).toEqual([
      'factory-app: enrolled with a fresh secret (no enrollment in /out/factory-app); identity written to /out/factory-app',
      'legacy-app: enrolled with a fresh secret (no enrollment in /out/legacy-app); identity written to /out/legacy-app',
    ]);
    expect([...freshRunner.keys()].sort()).toEqual(['factory-app', 'legacy-app']);
  });

  it('story 3: a changed attribute is modified at the CA, and the re-enrolled certificate carries it', async () => {
    fake = await start();
    const folder: Folder = new Map();
    await run([FACTORY], connection(fake.url), folder);
    const changed: UserModel = { ...FACTORY, attributes: { plant: 'toledo' } };
    fake.requests.length = 0;
    const { events, summary } = await run([changed], connection(fake.url), folder);
    expect(summary).toMatchObject({ enrolled: 1, failed: 0 });
    expect(events[0]!.message).toBe(
      "factory-app: updated attributes plant, department; re-enrolled (the certificate's attributes differ (department, plant)); identity written to /out/factory-app",
    );
    // Its own certificate re-enrolls it: no secret is set.
    expect(calls(fake)).toEqual([
      'POST /api/v1/cainfo 200',
      'GET /api/v1/identities/factory-app 200',
      'PUT /api/v1/identities/factory-app 200',
      'POST /api/v1/reenroll 201',
    ]);
    expect(fake.registered.get('factory-app')!.attrs.filter((a) => !a.name.startsWith('hf.'))).toEqual([
      { name: 'plant', value: 'toledo', ecert: true },
    ]);
    const attributes = certificateAttributes(folder.get('factory-app')!.certificatePem);
    expect(attributes.plant).toBe('toledo');
    expect(attributes.department).toBeUndefined();
  });

  it('a re-enroll the CA refuses (revoked certificate) falls back to a fresh secret in the same run', async () => {
    fake = await start();
    const folder: Folder = new Map();
    await run([FACTORY], connection(fake.url), folder);
    fake.revokedSerials.add(new X509Certificate(folder.get('factory-app')!.certificatePem).serialNumber.toUpperCase());
    fake.requests.length = 0;
    const { events, summary } = await run(
      [{ ...FACTORY, attributes: { plant: 'toledo' } }],
      connection(fake.url),
      folder,
    );
    expect(summary).toMatchObject({ enrolled: 1, failed: 0 });
    expect(events[0]!.message).toMatch(
      /^factory-app: updated attributes plant, department; enrolled with a fresh secret/,
    );
    expect(calls(fake)).toEqual([
      'POST /api/v1/cainfo 200',
      'GET /api/v1/identities/factory-app 200',
      'PUT /api/v1/identities/factory-app 200',
      'POST /api/v1/reenroll 401',
      'PUT /api/v1/identities/factory-app 200',
      'POST /api/v1/enroll 201',
    ]);
    expect(certificateAttributes(folder.get('factory-app')!.certificatePem).plant).toBe('toledo');
  });

  it('an attribute registered without ecert (so absent from certificates) is set with ecert, then enrolled', async () => {
    fake = await start({ 'legacy-app': { attrs: [{ name: 'plant', value: 'detroit' }] } });
    const folder: Folder = new Map();
    const users: UserModel[] = [{ name: 'legacy-app', type: 'client', attributes: { plant: 'detroit' } }];
    const { events } = await run(users, connection(fake.url), folder);
    expect(events[0]!.message).toMatch(/^legacy-app: updated attributes plant; enrolled with a fresh secret/);
    expect(certificateAttributes(folder.get('legacy-app')!.certificatePem).plant).toBe('detroit');
    fake.requests.length = 0;
    const again = await run(users, connection(fake.url), folder);
    expect(again.summary).toMatchObject({ unchanged: 1, enrolled: 0 });
  });

  it('story 3: an identity someone else registered with another type and affiliation is drift, untouched', async () => {
    fake = await start({ 'legacy-app': { type: 'admin', affiliation: 'manufacturer.hq', secret: 'theirs' } });
    const users: UserModel[] = [{ name: 'legacy-app', type: 'client', affiliation: '', attributes: {} }];
    const { events, summary, folder } = await run(users, connection(fake.url));
    expect(summary).toMatchObject({ enrolled: 0, drift: 1, failed: 0 });
    expect(events[0]!.event).toBe('drift');
    expect(events[0]!.code).toBe('NS_CA_IDENTITY_DRIFT');
    expect(events[0]!.message).toBe(
      "legacy-app: the CA holds it with type 'admin' (the spec says 'client') and affiliation 'manufacturer.hq' (the spec says '.'): left unchanged, not enrolled; if the spec is right, allow NS_CA_IDENTITY_DRIFT with target manufacturer/legacy-app, else change the spec",
    );
    expect(calls(fake)).toEqual(['POST /api/v1/cainfo 200', 'GET /api/v1/identities/legacy-app 200']);
    expect(folder.size).toBe(0);
    expect(fake.registered.get('legacy-app')).toMatchObject({ type: 'admin', secret: 'theirs' });
  });

  it('story 3: with the drift allowed, type and affiliation are changed and the identity enrolled', async () => {
    fake = await start({ 'legacy-app': { type: 'admin', affiliation: 'manufacturer.hq' } });
    const users: UserModel[] = [{ name: 'legacy-app', type: 'client', affiliation: '', attributes: {} }];
    const { events, summary, folder } = await run(users, connection(fake.url), new Map(), {
      driftAllowed: (user) => user === 'legacy-app',
    });
    expect(summary).toMatchObject({ enrolled: 1, drift: 0 });
    expect(events[0]!.message).toBe(
      "legacy-app: updated type to 'client'; affiliation to '.'; enrolled with a fresh secret (no enrollment in /out/legacy-app); identity written to /out/legacy-app",
    );
    expect(fake.registered.get('legacy-app')).toMatchObject({ type: 'client', affiliation: '' });
    expect(new X509Certificate(folder.get('legacy-app')!.certificatePem).subject).toContain('OU=client');
  });

  it('story 4: an untrusted CA certificate is named, tried once, and stops the run', async () => {
    fake = await start();
    const users: UserModel[] = [FACTORY, { name: 'b', type: 'client', attributes: {} }];
    const { events, summary } = await run(
      users,
      connection(fake.url, { tlsCaCerts: [material.caCertPem], tlsTrustSource: 'ca.tlsCACert /x/ca.pem', retries: 2 }),
    );
    expect(summary.failed).toBe(2);
    expect(events[0]!.message).toMatch(
      /^factory-app: not handled: the CA at https:\/\/localhost:\d+ presented a TLS certificate for 'O=test, CN=localhost' issued by '.*CN=tlsca\.manufacturer\.supply\.example\.com' \(valid until .*\), which ca\.tlsCACert \/x\/ca\.pem do not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): set ca\.tlsCACert to the root certificate that issued it$/,
    );
    expect(events[1]!.message).toMatch(/^b: not handled: the CA at/);
    expect(events.map((event) => event.code)).toEqual(['NS_CA_TLS_UNTRUSTED', 'NS_CA_TLS_UNTRUSTED']);
    expect(fake.requests).toEqual([]);
  });

  it('refuses a CA whose root is not in the organization MSP, before registering anyone', async () => {
    fake = await start();
    const { events, summary } = await run([FACTORY], connection(fake.url), new Map(), {
      mspRootsPem: [material.tlsCaCertPem],
    });
    expect(summary.failed).toBe(1);
    expect(events[0]!.message).toMatch(
      /^factory-app: not handled: the CA at https:\/\/localhost:\d+ issues from '.*CN=ca\.manufacturer\.supply\.example\.com', which is not among ManufacturerMSP's MSP cacerts: identities it enrolls would not be members of ManufacturerMSP/,
    );
    expect(events[0]!.code).toBe('NS_CA_NOT_ORG_CA');
    expect(calls(fake)).toEqual(['POST /api/v1/cainfo 200']);
  });

  it('explains code 20 for a registrar the CA does not know, and code 19 for a wrong CA name', async () => {
    fake = await start();
    const stranger = { certificatePem: material.caCertPem, privateKey: createPrivateKey(material.caKeyPem) };
    const refused = await run([FACTORY], connection(fake.url), new Map(), { registrar: stranger });
    expect(refused.events[0]!.message).toBe(
      'factory-app: the CA refused: Authentication failure (code 20): the CA does not accept the CA admin identity that signed the request: use a registrar this CA issued and still knows (connection.identities.manufacturer, or --admin-cert/--admin-key), whose certificate and key belong together and which is not revoked',
    );
    expect(refused.events[0]!.code).toBe('NS_CA_REFUSED');
    const wrongName = await run([FACTORY], connection(fake.url, { caName: 'ca-nope' }));
    expect(wrongName.events[0]!.message).toBe(
      "factory-app: not handled: the CA refused: CA 'ca-nope' does not exist (code 19): the server has no CA named 'ca-nope': set ca.name to the server's --ca.name, or null for its default CA",
    );
    expect(wrongName.events[0]!.code).toBe('NS_CA_REFUSED');
  });

  it("without a CA name, the server's default CA answers", async () => {
    fake = await start();
    const { summary } = await run([FACTORY], connection(fake.url, { caName: undefined }));
    expect(summary).toMatchObject({ enrolled: 1, failed: 0 });
  });

  it('refuses a reserved or malformed attribute before calling the CA, and goes on with the next user', async () => {
    fake = await start();
    const users: UserModel[] = [
      { name: 'sneaky-app', type: 'client', attributes: { 'hf.Registrar.Roles': 'client' } },
      { name: 'spaced-app', type: 'client', attributes: { 'two words': 'x' } },
      { name: 'good-app', type: 'client', attributes: {} },
    ];
    const { events, summary } = await run(users, connection(fake.url));
    expect(summary).toMatchObject({ enrolled: 1, failed: 2 });
    expect(events[0]!.message).toBe(
      "sneaky-app: not registered: attribute 'hf.Registrar.Roles' is reserved by Fabric CA (hf.* attributes grant CA privileges and are set by the CA)",
    );
    expect(events[1]!.message).toMatch(/^spaced-app: not registered: attribute 'two words' is not a valid/);
    expect(events.map((event) => event.code)).toEqual([
      'NS_USER_ATTRIBUTE_INVALID',
      'NS_USER_ATTRIBUTE_INVALID',
      undefined,
    ]);
    expect(fake.requests.filter((r) => r.id).map((r) => r.id)).toEqual(['good-app', 'good-app', 'good-app']);
  });

  it('stops calling a CA that is down, reporting every user', async () => {
    fake = await start();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const users: UserModel[] = [FACTORY, { name: 'b', type: 'client', attributes: {} }];
    const { events, summary } = await run(users, connection(url, { retries: 1, backoffMs: 1 }));
    expect(summary).toMatchObject({ enrolled: 0, failed: 2 });
    expect(events[0]!.message).toMatch(
      /^factory-app: not handled: cannot reach https:\/\/localhost:\d+ \(ECONNREFUSED\) after 2 attempts$/,
    );
    expect(events[1]!.message).toMatch(/^b: not handled: cannot reach/);
    expect(events.map((event) => event.code)).toEqual(['NS_APPLY_UNREACHABLE', 'NS_APPLY_UNREACHABLE']);
  });

  it('dry run reads the CA and lists create, modify and re-enroll, changing nothing', async () => {
    fake = await start({ 'legacy-app': { attrs: [{ name: 'plant', value: 'old', ecert: true }] } });
    const users: UserModel[] = [FACTORY, { name: 'legacy-app', type: 'client', attributes: { plant: 'new' } }];
    const { events, summary, folder } = await run(users, connection(fake.url), new Map(), { dryRun: true });
    expect(summary).toMatchObject({ planned: 2, enrolled: 0 });
    expect(events.map((e) => e.message)).toEqual([
      `factory-app: would register (client) and enroll at ${fake.url}`,
      'legacy-app: would modify attributes plant, then enroll with a fresh secret (no enrollment in /out/legacy-app)',
    ]);
    expect(fake.requests.every((r) => r.method === 'GET' || r.path === '/api/v1/cainfo')).toBe(true);
    expect(folder.size).toBe(0);
    expect(fake.registered.get('legacy-app')!.attrs.find((a) => a.name === 'plant')!.value).toBe('old');
  });
});
