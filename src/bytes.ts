import { createHash } from 'node:crypto';

// Byte arrays end to end: Node 20 has no Uint8Array concatenation of its own (Buffer.concat returns a Buffer).
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Lowercase hex SHA-256: how plan.json names every file of a bundle and signature files name what they cover. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
