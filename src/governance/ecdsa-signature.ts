// ECDSA signatures as Fabric makes and checks them (bccsp/sw, bccsp/utils/ecdsa.go): DER
// `SEQUENCE{INTEGER r, INTEGER s}` over SHA-256 of the message (msp/identities.go hashes with SHA-256 for the SHA2
// family whatever the curve), with s normalised to the lower half of the order of the key's own curve. Fabric
// refuses a high-S signature ("Invalid S. Must be smaller than half the order"), so we never make one and never
// count one. Fabric identities use P-256 or P-384; the order always comes from the key, never from a default.
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { TokenError, type TokenSigningKey } from '../crypto/pkcs11/index.js';

/**
 * What netspec signs with: a private key in memory (read from a PEM file or secret), or one that stays on a
 * PKCS#11 token. Every signing site takes either, through signLowS, and gets the same low-S DER.
 */
export type SigningKey = KeyObject | TokenSigningKey;

/** The order N of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** The order N of the P-384 group (FIPS 186-4 D.1.2.4, Go's elliptic.P384().Params().N). */
export const P384_ORDER =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;

/** The ECDSA curves netspec signs and verifies with, by node:crypto's name, with their group orders. */
const CURVE_ORDERS: Readonly<Record<string, { name: string; order: bigint }>> = {
  prime256v1: { name: 'P-256', order: P256_ORDER },
  secp384r1: { name: 'P-384', order: P384_ORDER },
};

/** The group order of an ECDSA P-256 or P-384 key (private or public), or undefined for any other key. */
export function curveOrderOf(key: KeyObject): bigint | undefined {
  return curveOf(key)?.order;
}

function curveOf(key: KeyObject): { name: string; order: bigint } | undefined {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  return curve !== undefined && Object.hasOwn(CURVE_ORDERS, curve) ? CURVE_ORDERS[curve] : undefined;
}

export interface EcdsaSignature {
  r: bigint;
  s: bigint;
}

/** s <= N/2 for the curve of order `order` (P-256's unless a caller holding another curve's signature says so). */
export function isLowS(signature: EcdsaSignature, order: bigint = P256_ORDER): boolean {
  return signature.s <= order >> 1n;
}

/** s > N/2 -> N - s: the same signature in the form Fabric accepts. */
export function toLowS(signature: EcdsaSignature, order: bigint = P256_ORDER): EcdsaSignature {
  return isLowS(signature, order) ? signature : { r: signature.r, s: order - signature.s };
}

/**
 * Strict DER: one SEQUENCE of two positive, minimally encoded INTEGERs below the curve order, nothing after it;
 * undefined otherwise.
 */
export function decodeDerSignature(der: Uint8Array, order: bigint = P256_ORDER): EcdsaSignature | undefined {
  if (der.length < 8 || der[0] !== 0x30) return undefined;
  const length = der[1]!;
  // Two INTEGERs of at most 49 bytes each (P-384) fit in a short-form length.
  if (length >= 0x80 || length + 2 !== der.length) return undefined;
  const r = readInteger(der, 2);
  if (!r) return undefined;
  const s = readInteger(der, r.next);
  if (!s || s.next !== der.length) return undefined;
  if (r.value <= 0n || s.value <= 0n || r.value >= order || s.value >= order) return undefined;
  return { r: r.value, s: s.value };
}

function readInteger(der: Uint8Array, offset: number): { value: bigint; next: number } | undefined {
  if (der[offset] !== 0x02) return undefined;
  const length = der[offset + 1];
  if (length === undefined || length === 0 || length >= 0x80) return undefined;
  const start = offset + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  const bytes = der.subarray(start, end);
  // Negative numbers and non-minimal leading zeros are not DER.
  if (bytes[0]! & 0x80) return undefined;
  if (bytes.length > 1 && bytes[0] === 0 && !(bytes[1]! & 0x80)) return undefined;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return { value, next: end };
}

/** DER as Go's asn1.Marshal writes it: minimal big-endian two's complement integers. */
export function encodeDerSignature(signature: EcdsaSignature): Uint8Array {
  const r = integerBytes(signature.r);
  const s = integerBytes(signature.s);
  const body = [0x02, r.length, ...r, 0x02, s.length, ...s];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function integerBytes(value: bigint): number[] {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  if (bytes.length === 0) bytes.push(0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return bytes;
}

/** Signs `message` (hashed with SHA-256 here) and returns the DER signature, low-S for the key's curve. */
export function signLowS(message: Uint8Array, key: SigningKey): Uint8Array {
  if (!(key instanceof KeyObject)) return signOnToken(message, key);
  const order = curveOrderOf(key);
  // readSigningPrivateKey admits only P-256 and P-384 keys, so this is a caller's bug, not a user's mistake.
  if (order === undefined) throw new Error('signLowS needs an ECDSA P-256 or P-384 private key');
  const der = new Uint8Array(sign('sha256', message, { key, dsaEncoding: 'der' }));
  const decoded = decodeDerSignature(der, order);
  if (!decoded) throw new Error('node:crypto produced a signature that is not DER');
  return encodeDerSignature(toLowS(decoded, order));
}

/** The token signs SHA-256(message) and answers r || s; the result is the same low-S DER as a file key's. */
function signOnToken(message: Uint8Array, key: TokenSigningKey): Uint8Array {
  const order = curveOrderOf(key.publicKey);
  // The certificate's key was checked to be P-256 or P-384 before the token key was opened.
  if (order === undefined) throw new Error('a token key needs an ECDSA P-256 or P-384 certificate');
  const raw = key.signDigest(createHash('sha256').update(message).digest());
  const decoded = decodeRawSignature(raw, order);
  if (!decoded)
    throw new TokenError(`${key.description}: the token returned a signature that is not ECDSA r || s for its curve`);
  return encodeDerSignature(toLowS(decoded, order));
}

/**
 * PKCS#11's ECDSA signature (v2.40 Current Mechanisms 2.3.1): r then s, big-endian, each half the length and at
 * most the order's length; both in [1, N-1]. Undefined for anything else.
 */
export function decodeRawSignature(raw: Uint8Array, order: bigint): EcdsaSignature | undefined {
  const orderBytes = Math.ceil(order.toString(2).length / 8);
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length / 2 > orderBytes) return undefined;
  const half = raw.length / 2;
  const r = bigEndian(raw.subarray(0, half));
  const s = bigEndian(raw.subarray(half));
  if (r <= 0n || s <= 0n || r >= order || s >= order) return undefined;
  return { r, s };
}

function bigEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Fabric's verification: DER, low-S against the order of the public key's curve, then ECDSA over SHA-256(message). */
export function verifyFabricSignature(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): SignatureCheck {
  const curve = curveOf(publicKey);
  if (!curve)
    return {
      ok: false,
      reason: `the signer's certificate holds no ECDSA P-256 or P-384 key (it is ${describeKey(publicKey)})`,
    };
  const decoded = decodeDerSignature(signature, curve.order);
  if (!decoded) return { ok: false, reason: `the signature is not a DER-encoded ECDSA ${curve.name} signature` };
  if (!isLowS(decoded, curve.order))
    return { ok: false, reason: 'high-S signature (Fabric accepts only low-S: s <= N/2)' };
  let valid = false;
  try {
    valid = verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    valid = false;
  }
  return valid
    ? { ok: true }
    : { ok: false, reason: 'the signature does not verify over this update (signed other bytes)' };
}

function describeKey(key: KeyObject): string {
  return (
    (key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined) ?? String(key.asymmetricKeyType)
  );
}

/**
 * A PEM private key (PKCS#8 or SEC1) for ECDSA P-256 or P-384, the curves of Fabric MSP identities netspec signs
 * with, or why it is not one. The key's bytes are never echoed.
 */
export function readSigningPrivateKey(pem: string): { key: KeyObject } | { error: string } {
  const read = readPrivateKeyPem(pem);
  if ('error' in read) return read;
  if (!curveOf(read.key))
    return {
      error: `the key is not an ECDSA P-256 or P-384 key (it is ${describeKey(read.key)}); Fabric MSP identities netspec signs with use one of these`,
    };
  return read;
}

/** A PEM private key (PKCS#8 or SEC1) for ECDSA P-256, or why it is not one. The key's bytes are never echoed. */
export function readP256PrivateKey(pem: string): { key: KeyObject } | { error: string } {
  const read = readPrivateKeyPem(pem);
  if ('error' in read) return read;
  const curve = describeKey(read.key);
  if (curve === 'secp384r1')
    // Only `netspec sign` takes P-384 identities so far; other commands refuse them by name rather than fail later.
    return {
      error:
        'the key is an ECDSA P-384 key: Fabric accepts P-384 identities, and `netspec sign` signs with them, but ' +
        'this command uses P-256 identities only',
    };
  if (curve !== 'prime256v1')
    return {
      error: `the key is not an ECDSA P-256 key (it is ${curve}); Fabric MSP identities netspec signs with use P-256`,
    };
  return read;
}

function readPrivateKeyPem(pem: string): { key: KeyObject } | { error: string } {
  // An encrypted key (PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy PEM with `Proc-Type: 4,ENCRYPTED`) is a key, just
  // not one netspec can use without its passphrase: say so rather than "no key".
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem))
    return {
      error:
        'the key file holds an encrypted private key; netspec needs it decrypted (for example ' +
        '`openssl pkey -in key.pem -out key-plain.pem`, kept on this machine with mode 0600)',
    };
  try {
    return { key: createPrivateKey(pem) };
  } catch {
    return { error: 'the key file does not hold a PEM private key' };
  }
}

/** True when the private key belongs to the certificate's public key. */
export function keyMatchesCertificate(privateKey: KeyObject, certificatePublicKey: KeyObject): boolean {
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const expected = certificatePublicKey.export({ type: 'spki', format: 'der' });
  return Buffer.compare(derived, expected) === 0;
}
