// Address derivation: public key -> keccak-256 -> last 20 bytes, and EIP-55 casing. Vectors are published
// key/address pairs, not values this code produced.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import {
  addressFromPublicKey,
  addressProblem,
  publicKeyProblem,
  toChecksumAddress,
} from '../../../src/compiler/quorum/address.js';

describe('addressFromPublicKey', () => {
  it('derives 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf from the well-known private key 1', () => {
    const privateKey = new Uint8Array(32);
    privateKey[31] = 1;
    const publicKey = Buffer.from(secp256k1.getPublicKey(privateKey, false)).toString('hex').slice(2);
    // The generator point G: the public key of private key 1.
    expect(publicKey).toBe(
      '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
    );
    expect(toChecksumAddress(addressFromPublicKey(publicKey))).toBe('0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf');
  });

  it('matches enode id / address pairs printed by GoQuorum istanbul-tools', () => {
    // `istanbul setup --num 5 --quorum --verbose` output (NodeInfo enode id and Address), published in a
    // "create palette network" guide; the same addresses are in that genesis extraData (extra-data.test.ts).
    expect(
      addressFromPublicKey(
        '44e509103445d5e8fd290608308d16d08c739655d6994254e413bc1a067838564f7a32ed8fed182450ec2841856c0cc0cd313588a6e25002071596a7363e84b6',
      ),
    ).toBe('0xc095448424a5ecd5ca7ccdadfaad127a9d7e88ec');
    expect(
      addressFromPublicKey(
        '3884de29148505a8d862992e5721767d4b47ff52ffab4c2d2527182d812a6d95d2049e00b7c5579ca7b86b3dba8c935e742d2dfde9ae16abb5e3265e33a6d472',
      ),
    ).toBe('0xd47a4e56e9262543db39d9203cf1a2e53735f834');
  });

  it('accepts an optional 0x prefix', () => {
    const key =
      '0x44e509103445d5e8fd290608308d16d08c739655d6994254e413bc1a067838564f7a32ed8fed182450ec2841856c0cc0cd313588a6e25002071596a7363e84b6';
    expect(addressFromPublicKey(key)).toBe('0xc095448424a5ecd5ca7ccdadfaad127a9d7e88ec');
  });
});

/** The secp256k1 generator point (x || y) and field prime, from SEC 2 section 2.4.1. */
const GENERATOR =
  '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8';
const SECP256K1_P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;

describe('publicKeyProblem', () => {
  it('explains why a key is not a node public key', () => {
    expect(publicKeyProblem('zz')).toBe('it is not hexadecimal');
    expect(publicKeyProblem('ab'.repeat(20))).toBe('it is 20 bytes long, not 64');
    expect(publicKeyProblem(`04${'11'.repeat(64)}`)).toMatch(/04 prefix/);
    expect(publicKeyProblem('00'.repeat(64))).toBe('it is not a point on the secp256k1 curve');
    expect(publicKeyProblem(GENERATOR)).toBeUndefined();
    // G with its y one more: not on the curve, as noble's independent check agrees.
    const offCurve = `${GENERATOR.slice(0, 127)}9`;
    expect(() => secp256k1.Point.fromHex(`04${offCurve}`).assertValidity()).toThrow();
    expect(publicKeyProblem(offCurve)).toBe('it is not a point on the secp256k1 curve');
    // A coordinate equal to the field prime is no field element.
    expect(publicKeyProblem(`${SECP256K1_P.toString(16)}${GENERATOR.slice(64)}`)).toBe(
      'it is not a point on the secp256k1 curve',
    );
    expect(() => addressFromPublicKey('00'.repeat(64))).toThrow(/secp256k1/);
  });

  it('refuses a coordinate above the field prime even when, reduced, it names a point on the curve', () => {
    // The smallest x with a point on the curve (x³ + 7 a square mod p; p ≡ 3 mod 4, so y = (x³ + 7)^((p+1)/4)),
    // then x + p: still 32 bytes, and (x + p mod p, y) is on the curve, but x + p is no field element.
    const power = (base: bigint, exponent: bigint) => {
      let result = 1n;
      for (let b = base % SECP256K1_P, e = exponent; e > 0n; e >>= 1n, b = (b * b) % SECP256K1_P)
        if (e & 1n) result = (result * b) % SECP256K1_P;
      return result;
    };
    let x = 1n;
    let y = 0n;
    for (; ; x++) {
      const rhs = (x ** 3n + 7n) % SECP256K1_P;
      y = power(rhs, (SECP256K1_P + 1n) / 4n);
      if ((y * y) % SECP256K1_P === rhs) break;
    }
    const hex = (value: bigint) => value.toString(16).padStart(64, '0');
    expect(() => secp256k1.Point.fromHex(`04${hex(x)}${hex(y)}`).assertValidity()).not.toThrow();
    expect(publicKeyProblem(`${hex(x)}${hex(y)}`)).toBeUndefined();
    expect(x + SECP256K1_P < 2n ** 256n).toBe(true);
    expect(publicKeyProblem(`${hex(x + SECP256K1_P)}${hex(y)}`)).toBe('it is not a point on the secp256k1 curve');
  });
});

describe('EIP-55', () => {
  it('reproduces the EIP-55 specification examples', () => {
    for (const address of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      expect(toChecksumAddress(address.toLowerCase())).toBe(address);
      expect(addressProblem(address)).toBeUndefined();
    }
  });

  it('rejects a mixed-case address with a broken checksum, and malformed addresses', () => {
    expect(addressProblem('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toMatch(/checksum/);
    expect(addressProblem('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toMatch(/0x/);
    expect(addressProblem('0x1234')).toBe('it is 2 bytes long, not 20');
  });
});
