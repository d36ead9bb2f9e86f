// Recursive Length Prefix, Ethereum's serialisation (Yellow Paper, appendix B). Small enough to own: the genesis
// extraData is RLP, and a dependency for ~40 lines would hide exactly the bytes the tests pin.
import { concatBytes } from '../../bytes.js';

/** An RLP item: a byte string or a list of items. */
export type RlpItem = Uint8Array | readonly RlpItem[];

export function encodeRlp(item: RlpItem): Uint8Array {
  if (item instanceof Uint8Array) {
    // A single byte below 0x80 is its own encoding; anything else carries a length prefix.
    if (item.length === 1 && item[0]! < 0x80) return item;
    return concatBytes([lengthPrefix(item.length, 0x80), item]);
  }
  const payload = concatBytes(item.map(encodeRlp));
  return concatBytes([lengthPrefix(payload.length, 0xc0), payload]);
}

/** Decodes exactly one item filling all of `bytes`; throws on malformed or trailing input (tests and sanity checks). */
export function decodeRlp(bytes: Uint8Array): RlpItem {
  const [item, end] = decodeAt(bytes, 0);
  if (end !== bytes.length) throw new Error(`RLP has ${bytes.length - end} trailing bytes`);
  return item;
}

function decodeAt(bytes: Uint8Array, offset: number): [RlpItem, number] {
  const first = bytes[offset];
  if (first === undefined) throw new Error('RLP ends early');
  if (first < 0x80) return [bytes.subarray(offset, offset + 1), offset + 1];
  const isList = first >= 0xc0;
  const base = isList ? 0xc0 : 0x80;
  let start = offset + 1;
  let length = first - base;
  if (length > 55) {
    const lengthOfLength = length - 55;
    length = 0;
    for (let i = 0; i < lengthOfLength; i++) {
      const byte = bytes[start + i];
      if (byte === undefined) throw new Error('RLP length ends early');
      length = length * 256 + byte;
    }
    start += lengthOfLength;
  }
  const end = start + length;
  if (end > bytes.length) throw new Error('RLP item runs past the end');
  if (!isList) return [bytes.subarray(start, end), end];
  const items: RlpItem[] = [];
  let cursor = start;
  while (cursor < end) {
    const [child, next] = decodeAt(bytes, cursor);
    items.push(child);
    cursor = next;
  }
  if (cursor !== end) throw new Error('RLP list overruns its length');
  return [items, end];
}

function lengthPrefix(length: number, base: 0x80 | 0xc0): Uint8Array {
  if (length <= 55) return Uint8Array.of(base + length);
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
  return Uint8Array.of(base + 55 + lengthBytes.length, ...lengthBytes);
}
