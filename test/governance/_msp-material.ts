// Real X.509 material for MSP rule tests, made at test time: CAs with chosen validity periods (root or
// intermediate), NodeOU leaves, and CRLs; and a channel config whose Org2MSP is replaced by an MSP built from them.
import { createPrivateKey, type KeyObject, webcrypto } from 'node:crypto';
import { x509 } from '../../src/crypto/_x509.js';
import { SIGNING_ALGORITHM } from '../../src/crypto/key-pair.js';
import { readConfigBlockFile } from '../../src/governance/index.js';

const YEAR = 365 * 86_400_000;
let serial = 0x1000;

export interface Period {
  notBefore: Date;
  notAfter: Date;
}

/** From `fromYears` to `toYears` years from now (negative: in the past). */
export function years(fromYears: number, toYears: number): Period {
  return { notBefore: new Date(Date.now() + fromYears * YEAR), notAfter: new Date(Date.now() + toYears * YEAR) };
}

export interface Ca {
  certificate: x509.X509Certificate;
  pem: string;
  keys: webcrypto.CryptoKeyPair;
}

export interface Leaf {
  pem: string;
  privateKey: KeyObject;
  serialHex: string;
}

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

function nextSerial(): string {
  serial += 1;
  return serial.toString(16).padStart(6, '0');
}

/** A CA: self-signed root without `parent`, else an intermediate issued by it. */
export async function makeCa(name: string, period: Period, parent?: Ca): Promise<Ca> {
  const keys = await newKeys();
  const extensions = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const certificate = parent
    ? await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: `O=org2.test, CN=${name}`,
        issuer: parent.certificate.subject,
        ...period,
        signingAlgorithm: SIGNING_ALGORITHM,
        publicKey: keys.publicKey,
        signingKey: parent.keys.privateKey,
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(parent.keys.publicKey)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: nextSerial(),
        name: `O=org2.test, CN=${name}`,
        ...period,
        signingAlgorithm: SIGNING_ALGORITHM,
        keys,
        extensions,
      });
  return { certificate, pem: certificate.toString('pem'), keys };
}

/** An identity certificate carrying NodeOU `ou`, issued by `issuer`. */
export async function makeLeaf(name: string, ou: string, issuer: Ca, period: Period): Promise<Leaf> {
  const keys = await newKeys();
  const serialHex = nextSerial();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex,
    subject: `O=org2.test, OU=${ou}, CN=${name}`,
    issuer: issuer.certificate.subject,
    ...period,
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    pem: certificate.toString('pem'),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    serialHex,
  };
}

/**
 * A CRL naming `issuer` (its AKI is the issuer's key id) and revoking `serials`; signed by `signedBy`'s key,
 * the issuer's own by default.
 */
export async function makeCrl(issuer: Ca, serials: string[], signedBy: Ca = issuer): Promise<string> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subject,
    thisUpdate: new Date(Date.now() - 60_000),
    nextUpdate: new Date(Date.now() + YEAR),
    entries: serials.map((serialNumber) => ({ serialNumber, revocationDate: new Date(Date.now() - 60_000) })),
    signingAlgorithm: SIGNING_ALGORITHM,
    signingKey: signedBy.keys.privateKey,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)],
  });
  // Fabric CA and openssl write "X509 CRL" PEM blocks, the only PEM label Go's x509.ParseCRL accepts.
  const base64 = Buffer.from(crl.rawData).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN X509 CRL-----\n${base64.trimEnd()}\n-----END X509 CRL-----\n`;
}

export interface MspShape {
  roots: Ca[];
  intermediates?: Ca[];
  crls?: string[];
  /** The CA every NodeOU is bound to (configtxgen's `Certificate:` in config.yaml); unbound when absent. */
  ouCertifier?: Ca;
  /** NodeOUs off: admins are the admincerts only. */
  withoutNodeOUs?: boolean;
  /** admincerts (PEM). */
  admins?: string[];
}

/** configtxlator JSON of a FabricMSPConfig with NodeOUs on (byte fields are base64 of the PEM text). */
export function fabricMspJson(name: string, shape: MspShape): Record<string, unknown> {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const ou = (identifier: string) => ({
    organizational_unit_identifier: identifier,
    ...(shape.ouCertifier ? { certificate: b64(shape.ouCertifier.pem) } : {}),
  });
  return {
    name,
    root_certs: shape.roots.map((ca) => b64(ca.pem)),
    intermediate_certs: (shape.intermediates ?? []).map((ca) => b64(ca.pem)),
    admins: (shape.admins ?? []).map(b64),
    revocation_list: (shape.crls ?? []).map(b64),
    fabric_node_ous: {
      enable: !shape.withoutNodeOUs,
      client_ou_identifier: ou('client'),
      peer_ou_identifier: ou('peer'),
      admin_ou_identifier: ou('admin'),
      orderer_ou_identifier: ou('orderer'),
    },
  };
}

/** The recorded pubdemo config (sequence 2) with Org2MSP's MSP definition replaced; versions unchanged. */
export function configWithOrg2Msp(block: string, msp: Record<string, unknown>) {
  const live = readConfigBlockFile(block);
  if ('error' in live) throw new Error(live.error);
  const config = structuredClone(live.live.config);
  const org2 = config.channel_group.groups!.Application!.groups!.Org2MSP!;
  const value = org2.values!.MSP!.value as { config: Record<string, unknown> };
  value.config = { ...value.config, ...msp };
  return config;
}
