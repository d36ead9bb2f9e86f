// Reading Quorum node public keys: 64 bytes (x || y) of an uncompressed secp256k1 point, in hex.
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
  return onSecp256k1(BigInt(`0x${hex.slice(0, 64)}`), BigInt(`0x${hex.slice(64)}`))
    ? undefined
    : 'it is not a point on the secp256k1 curve';
}

/** The field prime of secp256k1. */
const P = 2n ** 256n - 2n ** 32n - 977n;

/**
 * y² = x³ + 7 over the field, with both coordinates in it. The curve's cofactor is 1, so every such point is a
 * valid public key. (Importing each key into OpenSSL to have it checked took over ten times longer.)
 */
export function onSecp256k1(x: bigint, y: bigint): boolean {
  return x < P && y < P && (y * y - x * x * x - 7n) % P === 0n;
}
