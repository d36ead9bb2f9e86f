// The signer's identity from its admin certificate and its private key: a PEM key file, or a key that stays on a
// PKCS#11 token, named by an RFC 7512 URI in place of the file (`--key 'pkcs11:token=org1;object=admin?...'`).
// A file key is read, checked against the certificate and used in memory; a token key proves it belongs to the
// certificate by signing a challenge. Neither is ever printed, logged or written anywhere.

import { existsSync, readFileSync } from 'node:fs';
import { loadCertificate } from '../crypto/load-certificate.js';
import { isPkcs11Uri, openTokenKey, TokenError, type TokenSigningKey } from '../crypto/pkcs11/index.js';
import type { Certificate } from '../crypto/read-certificate.js';
import type { SigningIdentity } from './config-signature.js';
import { curveOrderOf, keyMatchesCertificate, P256_ORDER, readSigningPrivateKey } from './ecdsa-signature.js';

export interface LoadedSigner {
  identity: SigningIdentity;
  certificate: Certificate;
}

/** `p256`: the commands that talk to nodes (apply, fetch); `p256-or-p384`: sign, which takes P-384 identities too. */
export type AcceptedCurves = 'p256' | 'p256-or-p384';

export function loadSigningIdentity(
  mspId: string,
  certFile: string,
  keyFileOrUri: string,
): { signer: LoadedSigner } | { error: string } {
  const cert = loadCertificate(certFile);
  if (!cert.ok) return { error: cert.message };
  // id_bytes carries the PEM with a trailing newline, as Fabric's MSP serializes its signcert.
  const certificatePem = `${cert.pem.trim()}\n`;
  const signerWith = (privateKey: SigningIdentity['privateKey']) => ({
    signer: { identity: { mspId, certificatePem, privateKey }, certificate: cert.certificate },
  });
  if (isPkcs11Uri(keyFileOrUri)) {
    const token = openTokenSigningKey(keyFileOrUri, cert.certificate, 'p256-or-p384');
    return 'error' in token ? token : signerWith(token.key);
  }
  if (!existsSync(keyFileOrUri)) return { error: `${keyFileOrUri} does not exist or cannot be read` };
  const key = readSigningPrivateKey(readFileSync(keyFileOrUri, 'utf8'));
  if ('error' in key) return { error: `${keyFileOrUri}: ${key.error}` };
  if (!keyMatchesCertificate(key.key, cert.certificate.publicKey))
    return { error: `${keyFileOrUri} is not the private key of the certificate ${certFile}` };
  return signerWith(key.key);
}

/**
 * The key on a PKCS#11 token that `uri` names, proven to be `certificate`'s by a signature. The error names the
 * URI without its query (never a PIN) and the token's reason.
 */
export function openTokenSigningKey(
  uri: string,
  certificate: Certificate,
  accept: AcceptedCurves,
  env: NodeJS.ProcessEnv = process.env,
): { key: TokenSigningKey } | { error: string } {
  // A token key's curve is not read before it signs: the certificate's decides, as for a file key.
  const order = curveOrderOf(certificate.publicKey);
  if (order === undefined || (accept === 'p256' && order !== P256_ORDER))
    return {
      error:
        accept === 'p256'
          ? 'the certificate does not hold an ECDSA P-256 key; this command signs with P-256 identities only'
          : 'the certificate does not hold an ECDSA P-256 or P-384 key, the curves of Fabric identities netspec signs with',
    };
  try {
    return { key: openTokenKey(uri, certificate.publicKey, env) };
  } catch (error) {
    if (error instanceof TokenError) return { error: error.message };
    throw error;
  }
}
