// P-384 identities, which Fabric accepts (bccsp/utils/ecdsa.go keeps a half order for P-384; msp/identities.go
// hashes with SHA-256 whatever the curve): `netspec sign` signs with one, and `verify` judges its signature with
// P-384's order for the low-S rule. Material is made here: a P-384 CA (ecdsa-with-SHA384) and an admin it issued.
import { createPrivateKey, verify as nodeVerify, webcrypto, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/bytes.js';
import { wrapConfigUpdate } from '../../src/compiler/fabric/index.js';
import { x509 } from '../../src/crypto/_x509.js';
import {
  curveOrderOf,
  decodeDerSignature,
  encodeDerSignature,
  isLowS,
  P256_ORDER,
  P384_ORDER,
} from '../../src/governance/ecdsa-signature.js';
import {
  makeConfigSignature,
  readConfigUpdateEnvelope,
  type UpdateVerdict,
  verifyUpdate,
} from '../../src/governance/index.js';
import { loadSigningIdentity } from '../../src/governance/signing-identity.js';
import { runCli } from '../helpers/run-cli.js';
import { otherSTwin, readDerByHand } from './_der-by-hand.js';
import { type Ca, configWithOrg2Msp, fabricMspJson, type Leaf, years } from './_msp-material.js';

const LIVE = join(import.meta.dirname, '..', 'fixtures', 'fabric-live');
const BLOCK = join(LIVE, 'blocks', 'pubdemo-config-seq2.block');
const P384 = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' } as const;

function anchorPeersUpdate(): Uint8Array {
  const read = readConfigUpdateEnvelope(
    new Uint8Array(readFileSync(join(LIVE, 'broadcast', 'u7-org2-anchorpeer-signed-by-org1.pb'))),
  );
  if ('error' in read) throw new Error(read.error);
  return read.envelope.configUpdate;
}

async function p384Keys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(P384, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function makeP384Ca(): Promise<Ca> {
  const keys = await p384Keys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0384a1',
    name: 'O=org2.test, CN=ca384.org2.test',
    ...years(-1, 10),
    signingAlgorithm: P384,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, pem: certificate.toString('pem'), keys };
}

async function makeP384Admin(ca: Ca): Promise<Leaf> {
  const keys = await p384Keys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '0384a2',
    subject: 'O=org2.test, OU=admin, CN=Admin@org2.test',
    issuer: ca.certificate.subject,
    ...years(-0.5, 5),
    signingAlgorithm: P384,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    pem: certificate.toString('pem'),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    serialHex: '0384a2',
  };
}

function judge(ca: Ca, signatures: { source: string; signatureHeader: Uint8Array; signature: Uint8Array }[]) {
  return verifyUpdate({
    channel: 'pubdemo',
    config: configWithOrg2Msp(BLOCK, fabricMspJson('Org2MSP', { roots: [ca] })),
    configUpdate: anchorPeersUpdate(),
    signatures,
    now: new Date(),
  }) as UpdateVerdict;
}

describe('P-384 identities', () => {
  let ca: Ca;
  let admin: Leaf;
  let dir: string;
  beforeAll(async () => {
    ca = await makeP384Ca();
    admin = await makeP384Admin(ca);
    dir = mkdtempSync(join(tmpdir(), 'netspec-p384-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the order from the key's curve", () => {
    expect(curveOrderOf(admin.privateKey)).toBe(P384_ORDER);
    expect(curveOrderOf(new X509Certificate(admin.pem).publicKey)).toBe(P384_ORDER);
    expect(curveOrderOf(new X509Certificate(ca.pem).publicKey)).toBe(P384_ORDER);
  });

  it('signs a ConfigUpdate as `netspec sign` does: low-S for P-384, verified independently by node:crypto', () => {
    const certFile = join(dir, 'admin-cert.pem');
    const keyFile = join(dir, 'admin-key.pem');
    writeFileSync(certFile, admin.pem);
    writeFileSync(keyFile, admin.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const loaded = loadSigningIdentity('Org2MSP', certFile, keyFile);
    if (!('signer' in loaded)) throw new Error(loaded.error);
    const configUpdate = anchorPeersUpdate();
    const publicKey = new X509Certificate(admin.pem).publicKey;
    let sawBeyondP256 = false;
    // ECDSA is randomised and node:crypto makes high-S half the time: 24 low-S results in a row are not luck.
    for (let round = 0; round < 24; round += 1) {
      const signature = makeConfigSignature(loaded.signer.identity, configUpdate);
      const signed = concatBytes([signature.signature_header, configUpdate]);
      expect(nodeVerify('sha256', signed, { key: publicKey, dsaEncoding: 'der' }, signature.signature)).toBe(true);
      const { r, s } = readDerByHand(signature.signature);
      expect(r > 0n && r < P384_ORDER).toBe(true);
      expect(s <= P384_ORDER / 2n).toBe(true);
      // A P-384 s is usually above P-256's order: a signer assuming P-256 would have refused or mangled it.
      if (s > P256_ORDER) sawBeyondP256 = true;
    }
    expect(sawBeyondP256).toBe(true);
  });

  it('`netspec sign --envelope` signs with a P-384 admin key: low-S DER that node:crypto verifies', () => {
    const certFile = join(dir, 'cli-cert.pem');
    const keyFile = join(dir, 'cli-key.pem');
    writeFileSync(certFile, admin.pem);
    writeFileSync(keyFile, admin.privateKey.export({ type: 'sec1', format: 'pem' }), { mode: 0o600 });
    const configUpdate = anchorPeersUpdate();
    const unsigned = join(dir, 'unsigned.pb');
    const signedFile = join(dir, 'signed.pb');
    writeFileSync(unsigned, wrapConfigUpdate(configUpdate, [], 'pubdemo', { timestamp: new Date(0) }));
    const args = ['sign', '--envelope', unsigned, '--msp-id', 'Org2MSP', '--cert', certFile, '--key', keyFile];
    const result = runCli([...args, '--output', signedFile]);
    expect(result.stderr).toBe(`Signed envelope written to ${signedFile}\n`);
    expect(result.code).toBe(0);
    const read = readConfigUpdateEnvelope(new Uint8Array(readFileSync(signedFile)));
    if ('error' in read) throw new Error(read.error);
    const [signature] = read.envelope.signatures;
    const publicKey = new X509Certificate(admin.pem).publicKey;
    const signed = concatBytes([signature!.signature_header, configUpdate]);
    expect(nodeVerify('sha256', signed, { key: publicKey, dsaEncoding: 'der' }, signature!.signature)).toBe(true);
    expect(readDerByHand(signature!.signature).s <= P384_ORDER / 2n).toBe(true);
  });

  it('counts a P-384 admin signature and refuses its high-S twin, as Fabric does', () => {
    const configUpdate = anchorPeersUpdate();
    const signature = makeConfigSignature(
      { mspId: 'Org2MSP', certificatePem: admin.pem, privateKey: admin.privateKey },
      configUpdate,
    );
    const good = judge(ca, [
      { source: 'org2-admin', signatureHeader: signature.signature_header, signature: signature.signature },
    ]);
    expect(good.signatures).toEqual([{ source: 'org2-admin', mspId: 'Org2MSP', valid: true, admin: true }]);
    expect(good.status).toBe('satisfied');

    const low = decodeDerSignature(signature.signature, P384_ORDER)!;
    const high = encodeDerSignature({ r: low.r, s: P384_ORDER - low.s });
    // The twin still verifies as plain ECDSA: only the low-S rule refuses it.
    const signed = concatBytes([signature.signature_header, configUpdate]);
    const publicKey = new X509Certificate(admin.pem).publicKey;
    expect(nodeVerify('sha256', signed, { key: publicKey, dsaEncoding: 'der' }, high)).toBe(true);
    expect(isLowS({ r: low.r, s: P384_ORDER - low.s }, P384_ORDER)).toBe(false);
    const twin = judge(ca, [{ source: 'org2-admin', signatureHeader: signature.signature_header, signature: high }]);
    expect(twin.signatures[0]).toMatchObject({ valid: false });
    expect(twin.signatures[0]?.reason).toMatch(/high-S signature/);
    expect(twin.status).toBe('waiting');
  });

  it("counts an admin certificate and its high-S twin (the P-384 CA's s -> N - s) as one identity", () => {
    const twin = otherSTwin(admin.pem, P384_ORDER);
    expect(twin).not.toBe(admin.pem);
    // The twin is still signed by the CA: only Fabric's sanitising (low-S against the CA's curve) makes it one.
    expect(new X509Certificate(twin).verify(new X509Certificate(ca.pem).publicKey)).toBe(true);
    const configUpdate = anchorPeersUpdate();
    const signatures = [admin.pem, twin].map((certificatePem, index) => {
      const made = makeConfigSignature(
        { mspId: 'Org2MSP', certificatePem, privateKey: admin.privateKey },
        configUpdate,
      );
      return { source: `#${index}`, signatureHeader: made.signature_header, signature: made.signature };
    });
    const verdict = judge(ca, signatures);
    expect(verdict.signatures[0]).toMatchObject({ valid: true });
    expect(verdict.signatures[1]?.reason).toMatch(/duplicate of #0: the same identity counts once/);
  });
});
