// Golden vectors for the genesis extraData. Every expected value below was published by Besu or GoQuorum (or
// tools they ship), never produced by this code: the sources are named next to each vector.
import { describe, expect, it } from 'vitest';
import { encodeExtraData } from '../../../src/compiler/quorum/extra-data.js';
import { bytesToHex, hexToBytes } from '../../../src/compiler/quorum/hex.js';
import { decodeRlp, encodeRlp } from '../../../src/compiler/quorum/rlp.js';

const ZERO_32 = '00'.repeat(32);

describe('QBFT extraData', () => {
  it('matches Besu RLP encode test vector for two validators', () => {
    // Besu `besu rlp encode --type=QBFT_EXTRA_DATA` test (RLPSubCommandTest).
    const validators = ['0xbe068f726a13c8d46c44be6ce9d275600e1735a4', '0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193'];
    expect(bytesToHex(encodeExtraData('qbft', validators))).toBe(
      `0xf84fa0${ZERO_32}ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193c080c0`,
    );
  });

  it('encodes an empty validator list as e5a0<vanity>c0c080c0', () => {
    expect(bytesToHex(encodeExtraData('qbft', []))).toBe(`0xe5a0${ZERO_32}c0c080c0`);
  });

  it('matches the GoQuorum documentation example genesis for four validators (0xf87a...)', () => {
    // Consensys/doc.goquorum docs/configure-and-manage/configure/consensus-protocols/qbft.md, "Example QBFT genesis file".
    const validators = [
      '0x93917cadbace5dfce132b991732c6cda9bcc5b8a',
      '0x27a97c9aaf04f18f3014c32e036dd0ac76da5f18',
      '0xce412f988377e31f4d0ff12d74df73b51c42d0ca',
      '0x98c1334496614aed49d2e81526d089f7264fed9c',
    ];
    const extra = encodeExtraData('qbft', validators);
    expect(bytesToHex(extra)).toBe(
      `0xf87aa0${ZERO_32}f8549493917cadbace5dfce132b991732c6cda9bcc5b8a9427a97c9aaf04f18f3014c32e036dd0ac76da5f1894ce412f988377e31f4d0ff12d74df73b51c42d0ca9498c1334496614aed49d2e81526d089f7264fed9cc080c0`,
    );
    expect(extra.length).toBe(2 + 0x7a);
  });

  it('keeps the validator order given (order is part of the bytes)', () => {
    const a = '0xbe068f726a13c8d46c44be6ce9d275600e1735a4';
    const b = '0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193';
    expect(bytesToHex(encodeExtraData('qbft', [a, b]))).not.toBe(bytesToHex(encodeExtraData('qbft', [b, a])));
    const decoded = decodeRlp(encodeExtraData('qbft', [b, a])) as Uint8Array[][];
    expect((decoded[1] as Uint8Array[]).map(bytesToHex)).toEqual([b, a]);
  });
});

describe('IBFT 2.0 extraData (Besu)', () => {
  it('matches Besu RLP encode test vector for two validators', () => {
    const validators = ['0xbe068f726a13c8d46c44be6ce9d275600e1735a4', '0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193'];
    expect(bytesToHex(encodeExtraData('ibft2', validators))).toBe(
      `0xf853a0${ZERO_32}ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193808400000000c0`,
    );
  });

  it('matches the Besu documentation example IBFT 2.0 genesis (one validator)', () => {
    // https://besu.hyperledger.org/public-networks/concepts/genesis-file, "Example IBFT 2.0 genesis file".
    expect(bytesToHex(encodeExtraData('ibft2', ['0x9811ebc35d7b06b3fa8dc5809a1f9c52751e1deb']))).toBe(
      `0xf83ea0${ZERO_32}d5949811ebc35d7b06b3fa8dc5809a1f9c52751e1deb808400000000c0`,
    );
  });
});

describe('Istanbul extraData (GoQuorum IBFT)', () => {
  it('matches a genesis written by GoQuorum istanbul-tools `istanbul setup --num 5 --quorum`', () => {
    // Published in a "create palette network" guide that ran istanbul-tools; the same five addresses appear in its
    // validator list and alloc.
    const validators = [
      '0xc095448424a5ecd5ca7ccdadfaad127a9d7e88ec',
      '0xd47a4e56e9262543db39d9203cf1a2e53735f834',
      '0x258af48e28e4a6846e931ddff8e1cdf8579821e5',
      '0x8c09d936a1b408d6e0afaa537ba4e06c4504a0ae',
      '0xbfb558f0dceb07fbb09e1c283048b551a4310921',
    ];
    expect(bytesToHex(encodeExtraData('istanbul', validators))).toBe(
      `0x${ZERO_32}f8aff86994c095448424a5ecd5ca7ccdadfaad127a9d7e88ec94d47a4e56e9262543db39d9203cf1a2e53735f83494258af48e28e4a6846e931ddff8e1cdf8579821e5948c09d936a1b408d6e0afaa537ba4e06c4504a0ae94bfb558f0dceb07fbb09e1c283048b551a4310921b841${'00'.repeat(65)}c0`,
    );
  });
});

describe('Istanbul extraData, GoQuorum documentation', () => {
  it('matches the GoQuorum docs example IBFT genesis (four validators)', () => {
    // Consensys/doc.goquorum docs/configure-and-manage/configure/consensus-protocols/ibft.md, "Example IBFT genesis file".
    const validators = [
      '0x93917cadbace5dfce132b991732c6cda9bcc5b8a',
      '0x27a97c9aaf04f18f3014c32e036dd0ac76da5f18',
      '0xce412f988377e31f4d0ff12d74df73b51c42d0ca',
      '0x98c1334496614aed49d2e81526d089f7264fed9c',
    ];
    expect(bytesToHex(encodeExtraData('istanbul', validators))).toBe(
      `0x${ZERO_32}f89af8549493917cadbace5dfce132b991732c6cda9bcc5b8a9427a97c9aaf04f18f3014c32e036dd0ac76da5f1894ce412f988377e31f4d0ff12d74df73b51c42d0ca9498c1334496614aed49d2e81526d089f7264fed9cb841${'00'.repeat(65)}c0`,
    );
  });
});

describe('RLP', () => {
  it('prefixes a string longer than 55 bytes with its length in bytes (0xb9 0x012c) and round-trips', () => {
    const long = new Uint8Array(300).fill(7);
    const encoded = encodeRlp(long);
    expect(bytesToHex(encoded.subarray(0, 3))).toBe('0xb9012c');
    expect(decodeRlp(encoded)).toEqual(long);
    expect(bytesToHex(encodeRlp(Uint8Array.of(0x7f)))).toBe('0x7f');
    expect(bytesToHex(encodeRlp(Uint8Array.of(0x80)))).toBe('0x8180');
  });

  it('round-trips a 30-validator extraData (a list longer than 55 bytes)', () => {
    const validators = Array.from({ length: 30 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);
    const decoded = decodeRlp(encodeExtraData('qbft', validators)) as Uint8Array[][];
    expect(decoded).toHaveLength(5);
    expect((decoded[1] as Uint8Array[]).map(bytesToHex)).toEqual(validators);
    expect(hexToBytes('0x0g')).toBeUndefined();
  });

  it('rejects trailing bytes', () => {
    expect(() => decodeRlp(Uint8Array.of(0x80, 0x00))).toThrow(/trailing/);
  });
});
