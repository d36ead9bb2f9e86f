// A fresh ECDSA P-256 key and a PKCS#10 request for it, as `fabric-ca-client enroll` generates them. The CA
// takes only the public key and the CN from the request (it writes the subject and OUs itself), so CN is the
// enrollment id and nothing else is asked for. The private key never leaves this process except to a 0600 file.
import { x509 } from '../../crypto/_x509.js';
import { generateSigningKeyPair, privateKeyToPem, SIGNING_ALGORITHM } from '../../crypto/key-pair.js';

export interface CertificateRequest {
  /** `-----BEGIN CERTIFICATE REQUEST-----` PEM, what /api/v1/enroll takes as certificate_request. */
  csrPem: string;
  /** PKCS#8 PEM of the matching private key. */
  privateKeyPem: string;
}

export async function createCertificateRequest(enrollmentId: string): Promise<CertificateRequest> {
  const keys = await generateSigningKeyPair();
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [enrollmentId] }],
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
  });
  return {
    csrPem: `${request.toString('pem').replace(/\r\n/g, '\n').trimEnd()}\n`,
    privateKeyPem: privateKeyToPem(keys.privateKey),
  };
}
