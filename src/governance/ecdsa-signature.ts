// ECDSA P-256 signatures as Fabric makes and checks them (bccsp/sw): DER `SEQUENCE{INTEGER r, INTEGER s}` over
// SHA-256 of the message, with s normalised to the lower half of the curve order. Fabric refuses a high-S
// signature ("Invalid S. Must be smaller than half the order"), so we never make one and never count one.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/** The order N of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

export interface EcdsaSignature {
  r: bigint;
  s: bigint;
}

export function isLowS(signature: EcdsaSignature): boolean {
  return signature.s <= HALF_ORDER;
}

/** s > N/2 -> N - s: the same signature in the form Fabric accepts. */
export function toLowS(signature: EcdsaSignature): EcdsaSignature {
  return isLowS(signature) ? signature : { r: signature.r, s: P256_ORDER - signature.s };
}

/** Strict DER: one SEQUENCE of two positive, minimally encoded INTEGERs, nothing after it; undefined otherwise. */
export function decodeDerSignature(der: Uint8Array): EcdsaSignature | undefined {
  if (der.length < 8 || der[0] !== 0x30) return undefined;
  const length = der[1]!;
  // Two INTEGERs of at most 33 bytes each fit in a short-form length.
  if (length >= 0x80 || length + 2 !== der.length) return undefined;
  const r = readInteger(der, 2);
  if (!r) return undefined;
  const s = readInteger(der, r.next);
  if (!s || s.next !== der.length) return undefined;
  if (r.value <= 0n || s.value <= 0n || r.value >= P256_ORDER || s.value >= P256_ORDER) return undefined;
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

/** Signs `message` (hashed with SHA-256 here) and returns the low-S DER signature. */
export function signLowS(message: Uint8Array, privateKey: KeyObject): Uint8Array {
  const der = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
  const decoded = decodeDerSignature(der);
  if (!decoded) throw new Error('node:crypto produced a signature that is not DER');
  return encodeDerSignature(toLowS(decoded));
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Fabric's verification: DER, low-S, then ECDSA over SHA-256(message). */
export function verifyFabricSignature(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): SignatureCheck {
  const decoded = decodeDerSignature(signature);
  if (!decoded) return { ok: false, reason: 'the signature is not a DER-encoded ECDSA P-256 signature' };
  if (!isLowS(decoded)) return { ok: false, reason: 'high-S signature (Fabric accepts only low-S: s <= N/2)' };
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

/** A PEM private key (PKCS#8 or SEC1) for ECDSA P-256, or why it is not one. The key's bytes are never echoed. */
export function readP256PrivateKey(pem: string): { key: KeyObject } | { error: string } {
  // An encrypted key (PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy PEM with `Proc-Type: 4,ENCRYPTED`) is a key, just
  // not one netspec can use without its passphrase: say so rather than "no key".
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem))
    return {
      error:
        'the key file holds an encrypted private key; netspec needs it decrypted (for example ' +
        '`openssl pkey -in key.pem -out key-plain.pem`, kept on this machine with mode 0600)',
    };
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return { error: 'the key file does not hold a PEM private key' };
  }
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve === 'secp384r1')
    // Fabric's bccsp/sw signs with P-384 keys too (low-S against P-384's order); netspec's signer and verifier
    // implement P-256 only, so such an identity is refused by name rather than signed with wrongly.
    return {
      error:
        'the key is an ECDSA P-384 key: Fabric accepts P-384 identities, but netspec signs and verifies P-256 ' +
        'only; sign with a P-256 admin identity of the organization',
    };
  if (curve !== 'prime256v1')
    return {
      error: `the key is not an ECDSA P-256 key (it is ${curve ?? key.asymmetricKeyType}); Fabric MSP identities netspec signs with use P-256`,
    };
  return { key };
}

/** True when the private key belongs to the certificate's public key. */
export function keyMatchesCertificate(privateKey: KeyObject, certificatePublicKey: KeyObject): boolean {
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const expected = certificatePublicKey.export({ type: 'spki', format: 'der' });
  return Buffer.compare(derived, expected) === 0;
}
