// The signer's identity from its admin certificate and private key files. The key is read, checked against the
// certificate and used in memory; it is never printed, logged or written anywhere.
import type { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadCertificate } from '../crypto/index.js';
import type { SigningIdentity } from './config-signature.js';
import { keyMatchesCertificate, readSigningPrivateKey } from './ecdsa-signature.js';

export interface LoadedSigner {
  identity: SigningIdentity;
  certificate: X509Certificate;
}

export function loadSigningIdentity(
  mspId: string,
  certFile: string,
  keyFile: string,
): { signer: LoadedSigner } | { error: string } {
  const cert = loadCertificate(certFile);
  if (!cert.ok) return { error: cert.message };
  if (!existsSync(keyFile)) return { error: `${keyFile} does not exist or cannot be read` };
  const key = readSigningPrivateKey(readFileSync(keyFile, 'utf8'));
  if ('error' in key) return { error: `${keyFile}: ${key.error}` };
  if (!keyMatchesCertificate(key.key, cert.certificate.publicKey))
    return { error: `${keyFile} is not the private key of the certificate ${certFile}` };
  // id_bytes carries the PEM with a trailing newline, as Fabric's MSP serializes its signcert.
  const certificatePem = `${cert.pem.trim()}\n`;
  return { signer: { identity: { mspId, certificatePem, privateKey: key.key }, certificate: cert.certificate } };
}
