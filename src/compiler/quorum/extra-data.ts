// The genesis `extraData` that names the first validators. Three encodings exist, and the clients reject each
// other's: QBFT (Besu and GoQuorum agree), Besu's IBFT 2.0, and GoQuorum's legacy Istanbul (IBFT 1).
// Validators keep the order given: the order is part of the bytes (and decides the first proposer).
import { hexToBytes } from './hex.js';
import { encodeRlp, type RlpItem } from './rlp.js';

export type ExtraDataType = 'qbft' | 'ibft2' | 'istanbul';

export const EXTRA_DATA_TYPES: readonly ExtraDataType[] = ['qbft', 'ibft2', 'istanbul'];

const VANITY = new Uint8Array(32);
const EMPTY_LIST: RlpItem = [];
const EMPTY_BYTES = new Uint8Array(0);

/** `addresses` are 20-byte hex addresses (checked by the caller); returns the bytes of the extraData. */
export function encodeExtraData(type: ExtraDataType, addresses: readonly string[]): Uint8Array {
  const validators = addresses.map((address) => {
    const bytes = hexToBytes(address);
    if (bytes?.length !== 20) throw new Error(`not a 20-byte address: ${address}`);
    return bytes;
  });
  switch (type) {
    case 'qbft':
      // [vanity, validators, vote, round, seals]: no vote is an empty list, round 0 the empty string (0x80).
      return encodeRlp([VANITY, validators, EMPTY_LIST, EMPTY_BYTES, EMPTY_LIST]);
    case 'ibft2':
      // Besu IBFT 2.0: no vote is null (0x80) and the round is a fixed 4-byte integer (0x84 00000000).
      return encodeRlp([VANITY, validators, EMPTY_BYTES, new Uint8Array(4), EMPTY_LIST]);
    case 'istanbul': {
      // GoQuorum IBFT: 32 raw vanity bytes, then RLP([validators, seal, committed seals]); the genesis seal is
      // 65 zero bytes, as GoQuorum's istanbul-tools and published genesis files write it.
      const extra = encodeRlp([validators, new Uint8Array(65), EMPTY_LIST]);
      const out = new Uint8Array(32 + extra.length);
      out.set(extra, 32);
      return out;
    }
  }
}
