// The DER and low-S rules a Fabric orderer applies to ECDSA signatures, and the signatures we make.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeDerSignature,
  encodeDerSignature,
  isLowS,
  P256_ORDER,
  signLowS,
  toLowS,
  verifyFabricSignature,
} from '../../src/governance/index.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const message = new TextEncoder().encode('header||update');

describe('ECDSA signatures as Fabric checks them', () => {
  it('signLowS always yields low-S DER that node:crypto verifies', () => {
    for (let i = 0; i < 20; i++) {
      const der = signLowS(message, privateKey);
      expect(isLowS(decodeDerSignature(der)!)).toBe(true);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      expect(verifyFabricSignature(message, der, publicKey)).toEqual({ ok: true });
    }
  });

  it('DER encode/decode round-trips node:crypto output byte for byte', () => {
    for (let i = 0; i < 20; i++) {
      const der = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
      expect(encodeDerSignature(decodeDerSignature(der)!)).toEqual(der);
    }
  });

  it('a high-S signature is mathematically valid but refused', () => {
    const low = decodeDerSignature(signLowS(message, privateKey))!;
    const high = encodeDerSignature({ r: low.r, s: P256_ORDER - low.s });
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, high)).toBe(true);
    expect(verifyFabricSignature(message, high, publicKey)).toEqual({
      ok: false,
      reason: 'high-S signature (Fabric accepts only low-S: s <= N/2)',
    });
    expect(toLowS({ r: low.r, s: P256_ORDER - low.s })).toEqual(low);
  });

  it('refuses non-DER: trailing bytes, a negative integer, a non-minimal integer, zero', () => {
    const der = signLowS(message, privateKey);
    expect(decodeDerSignature(Uint8Array.from([...der, 0]))).toBeUndefined();
    const body = (r: number[], s: number[]) =>
      Uint8Array.from([0x30, r.length + s.length + 4, 0x02, r.length, ...r, 0x02, s.length, ...s]);
    expect(decodeDerSignature(body([0x80, 1], [1, 2]))).toBeUndefined();
    expect(decodeDerSignature(body([0x00, 0x01], [1, 2]))).toBeUndefined();
    expect(decodeDerSignature(body([0x00], [1, 2]))).toBeUndefined();
    expect(decodeDerSignature(body([0x01, 0x02], [0x03, 0x04]))).toEqual({ r: 0x0102n, s: 0x0304n });
  });
});
