// Comparing Quorum node public keys: 64 bytes (x || y) of an uncompressed secp256k1 point, in hex. Whether a key
// is a point on the curve is for compiler/quorum/address.ts to say (publicKeyProblem).
/** Lower-case hex without a `0x` prefix: the form compared for duplicates. */
export function normalizePublicKey(key: unknown): string {
  const text = String(key).trim().toLowerCase();
  return text.startsWith('0x') ? text.slice(2) : text;
}
