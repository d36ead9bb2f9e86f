// X.509 certificates shaped like Fabric cryptogen's: a self-signed root per CA, leaves signed by it.
// Identity (MSP) leaves carry the NodeOU in their OU, which is how Fabric tells admin, peer, orderer, client apart.
import { randomBytes } from 'node:crypto';
import { x509 } from './_x509.js';
import { SIGNING_ALGORITHM, type SigningKey, type SigningKeyPair } from './key-pair.js';

/** Ten years, like cryptogen: development networks should not expire under a demo. */
const VALIDITY_YEARS = 10;
/** Start a little in the past so a node whose clock lags does not reject a certificate made a second ago. */
const BACKDATE_MS = 5 * 60 * 1000;

export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  /** PEM text exactly as written to disk (what cacerts/ and tlscacerts/ hold). */
  pem: string;
  privateKey: SigningKey;
}

export type LeafPurpose = 'identity' | 'tls';

export interface LeafRequest {
  commonName: string;
  organization: string;
  /** The NodeOU: client, peer, admin or orderer. TLS certificates carry none. */
  organizationalUnit?: string;
  /** DNS subject alternative names (TLS server certificates). */
  dnsNames?: string[];
  purpose: LeafPurpose;
  publicKey: SigningKey;
  /** End of validity; ten years from `now` unless given (a renewal picks its own). */
  notAfter?: Date;
}

export async function issueCaCertificate(
  commonName: string,
  organization: string,
  keys: SigningKeyPair,
  now = new Date(),
): Promise<CertificateAuthority> {
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ O: [organization] }, { CN: [commonName] }],
    ...validity(now),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys: keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, pem: toPem(certificate), privateKey: keys.privateKey };
}

/** Returns the PEM text of a certificate for `request`, signed by `ca`. */
export async function issueLeafCertificate(
  request: LeafRequest,
  ca: CertificateAuthority,
  now = new Date(),
): Promise<string> {
  const subject: Record<string, string[]>[] = [{ O: [request.organization] }];
  if (request.organizationalUnit) subject.push({ OU: [request.organizationalUnit] });
  subject.push({ CN: [request.commonName] });
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey),
    await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
  ];
  if (request.purpose === 'tls') {
    // One TLS certificate serves both sides, as with cryptogen: Raft consenters present it as server and client.
    extensions.push(
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
    );
  } else {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true));
  }
  if (request.dnsNames && request.dnsNames.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(request.dnsNames.map((value) => ({ type: 'dns', value }))),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject,
    issuer: ca.certificate.subjectName,
    ...validity(now),
    ...(request.notAfter ? { notAfter: request.notAfter } : {}),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: request.publicKey,
    signingKey: ca.privateKey,
    extensions,
  });
  return toPem(certificate);
}

/** Wraps an existing CA (read back from disk) so it can sign more leaves. */
export function certificateAuthorityFromPem(pem: string, privateKey: SigningKey): CertificateAuthority {
  return { certificate: new x509.X509Certificate(pem), pem, privateKey };
}

function validity(now: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  return { notBefore, notAfter };
}

/** 128 random bits with the top bit cleared: a positive DER INTEGER without a leading zero byte. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function toPem(certificate: x509.X509Certificate): string {
  return `${certificate.toString('pem').replace(/\r\n/g, '\n').trimEnd()}\n`;
}
