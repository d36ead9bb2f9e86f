// ECDSA P-256 key pairs, the curve cryptogen and Fabric CA use for the MSP identities and TLS material netspec
// generates (Fabric also accepts P-384 identities, which `netspec sign` signs with; netspec never generates them).
// Private keys leave this module only as PKCS#8 PEM text destined for a 0600 file, never for a log.
import { createPrivateKey, KeyObject, webcrypto } from 'node:crypto';

export type SigningKeyPair = webcrypto.CryptoKeyPair;
export type SigningKey = webcrypto.CryptoKey;

/** ECDSA over P-256 with SHA-256 signatures, as Fabric's cryptogen uses. */
export const SIGNING_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export function generateSigningKeyPair(): Promise<SigningKeyPair> {
  return webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, ['sign', 'verify']);
}

/** `-----BEGIN PRIVATE KEY-----` (PKCS#8), the format cryptogen writes to `keystore/priv_sk`. */
export function privateKeyToPem(key: SigningKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Reads back a key this module wrote (an existing CA key signs nodes added to the spec later). */
export function privateKeyFromPem(pem: string): Promise<SigningKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, SIGNING_ALGORITHM, false, ['sign']);
}
