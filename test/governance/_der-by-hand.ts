// DER read and rewritten by hand in the tests, without the signature codec under test: the ECDSA (r, s) of a
// signature, and a certificate whose CA signature carries the other S (n - s), which verifies just the same.
import { X509Certificate } from 'node:crypto';
import { expect } from 'vitest';
import { encodeDerSignature } from '../../src/governance/ecdsa-signature.js';

/** The certificate with its CA's ECDSA signature rewritten to the other S form (both verify); `order` is the CA curve's. */
export function otherSTwin(pem: string, order: bigint): string {
  const der = new X509Certificate(pem).raw;
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }.
  const header = (at: number) => {
    const first = der[at + 1]!;
    if (first < 0x80) return { start: at + 2, end: at + 2 + first };
    const count = first & 0x7f;
    const length = der.subarray(at + 2, at + 2 + count).reduce((sum, byte) => sum * 256 + byte, 0);
    return { start: at + 2 + count, end: at + 2 + count + length };
  };
  const tlv = (tag: number, content: Buffer) => {
    const n = content.length;
    const length = n < 0x80 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...length]), content]);
  };
  const outer = header(0);
  const tbs = header(outer.start);
  const algorithm = header(tbs.end);
  const bits = header(algorithm.end);
  const { r, s } = readDerByHand(der.subarray(bits.start + 1, bits.end));
  const other = encodeDerSignature({ r, s: order - s });
  const body = Buffer.concat([
    der.subarray(outer.start, algorithm.end),
    tlv(0x03, Buffer.concat([Buffer.from([0]), other])),
  ]);
  const base64 = tlv(0x30, body).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{64}/g, '$&\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** r and s straight from the DER bytes, without the decoder under test. */
export function readDerByHand(der: Uint8Array): { r: bigint; s: bigint } {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const read = (at: number) => {
    expect(der[at]).toBe(0x02);
    const length = der[at + 1]!;
    const value = BigInt(`0x${Buffer.from(der.subarray(at + 2, at + 2 + length)).toString('hex')}`);
    return { value, next: at + 2 + length };
  };
  const r = read(2);
  const s = read(r.next);
  expect(s.next).toBe(der.length);
  return { r: r.value, s: s.value };
}
