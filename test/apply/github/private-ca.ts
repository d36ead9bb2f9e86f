// A private certificate authority and a TLS server certificate for 127.0.0.1 it signed, made fresh per test: what
// a GitHub Enterprise Server behind a company CA presents. The CA comes from netspec's own issuer (as `netspec
// crypto` makes TLS CAs); the leaf is built here because it needs an IP address name, which org TLS certs never do.
import { randomBytes } from 'node:crypto';
import { x509 } from '../../../src/crypto/_x509.js';
import { issueCaCertificate } from '../../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyToPem, SIGNING_ALGORITHM } from '../../../src/crypto/key-pair.js';

export interface PrivateCa {
  /** The CA certificate, as a user would put it in NODE_EXTRA_CA_CERTS. */
  caPem: string;
  /** The server's key and certificate for `https.createServer`. */
  server: { key: string; cert: string };
}

export async function createPrivateCa(): Promise<PrivateCa> {
  const ca = await issueCaCertificate('Enterprise Root CA', 'Acme Corp', await generateSigningKeyPair());
  const keys = await generateSigningKeyPair();
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    subject: [{ O: ['Acme Corp'] }, { CN: ['github.acme.example'] }],
    issuer: ca.certificate.subjectName,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  return {
    caPem: ca.pem,
    server: { key: privateKeyToPem(keys.privateKey), cert: certificate.toString('pem') },
  };
}
