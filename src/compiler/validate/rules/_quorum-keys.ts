// Reading Quorum node public keys: 64 bytes (x || y) of an uncompressed secp256k1 point, in hex.
import { createPublicKey } from 'node:crypto';

/** Lower-case hex without a `0x` prefix: the form compared for duplicates. */
export function normalizePublicKey(key: unknown): string {
  const text = String(key).trim().toLowerCase();
  return text.startsWith('0x') ? text.slice(2) : text;
}

/** Why a key is not a usable node key, or undefined when it is a point on secp256k1. */
export function publicKeyProblem(key: unknown): string | undefined {
  const hex = normalizePublicKey(key);
  if (!/^[0-9a-f]*$/.test(hex)) return 'it is not hexadecimal';
  if (hex.length === 130 && hex.startsWith('04')) return 'it carries the 04 prefix: write the 64 bytes after it';
  if (hex.length !== 128) return `it is ${hex.length / 2} bytes long, not 64`;
  try {
    // OpenSSL refuses a point that is not on the curve when it imports the key.
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'secp256k1',
        x: Buffer.from(hex.slice(0, 64), 'hex').toString('base64url'),
        y: Buffer.from(hex.slice(64), 'hex').toString('base64url'),
      },
      format: 'jwk',
    });
    return undefined;
  } catch {
    return 'it is not a point on the secp256k1 curve';
  }
}
