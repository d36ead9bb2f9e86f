// A small DER reader for the parts of certificates and CRLs that node:crypto does not expose: a subject's OUs as
// Go reads them, serial numbers as integers, the subject/authority key identifiers, and a CRL's fields.

/** A DER element: its tag, where its header starts, and where its content starts and ends. */
export interface DerElement {
  tag: number;
  header: number;
  start: number;
  end: number;
}

export class DerError extends Error {}

export function readElement(der: Uint8Array, at: number, limit: number = der.length): DerElement {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined || at + 2 > limit || (tag & 0x1f) === 0x1f)
    throw new DerError('malformed DER');
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new DerError('malformed DER length');
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + der[start + index]!;
    start += count;
  }
  if (start + length > limit) throw new DerError('DER element overruns its parent');
  return { tag, header: at, start, end: start + length };
}

export function children(der: Uint8Array, parent: DerElement): DerElement[] {
  const result: DerElement[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readElement(der, at, parent.end);
    result.push(child);
    at = child.end;
  }
  return result;
}

/** An INTEGER's value (two's complement, as Go's big.Int reads a serial number). */
export function integerOf(der: Uint8Array, element: DerElement): bigint {
  if (element.tag !== 0x02 || element.end === element.start) throw new DerError('expected an INTEGER');
  let value = 0n;
  for (let at = element.start; at < element.end; at++) value = (value << 8n) | BigInt(der[at]!);
  if (der[element.start]! & 0x80) value -= 1n << BigInt(8 * (element.end - element.start));
  return value;
}

/** An OBJECT IDENTIFIER in dotted form ("2.5.4.3"). */
export function oidText(der: Uint8Array, element: DerElement): string {
  if (element.tag !== 0x06 || element.end === element.start) throw new DerError('expected an OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let arc = 0;
  for (let at = element.start; at < element.end; at++) {
    const byte = der[at]!;
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80);
    else arcs.push(arc);
    arc = 0;
  }
  if (der[element.end - 1]! & 0x80) throw new DerError('an OBJECT IDENTIFIER ends inside an arc');
  return arcs.join('.');
}

export function bytesOf(der: Uint8Array, element: DerElement): Buffer {
  return Buffer.from(der.subarray(element.start, element.end));
}

/** The whole encoding of an element, header included. */
export function encodingOf(der: Uint8Array, element: DerElement): Buffer {
  return Buffer.from(der.subarray(element.header, element.end));
}

/** OBJECT IDENTIFIER content bytes of the extensions read here. */
export const OID = {
  subjectKeyIdentifier: Buffer.from([0x55, 0x1d, 0x0e]), // 2.5.29.14
  authorityKeyIdentifier: Buffer.from([0x55, 0x1d, 0x23]), // 2.5.29.35
  ecdsaWithSha256: Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]),
  ecdsaWithSha384: Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03]),
  ecdsaWithSha512: Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04]),
  sha256WithRsa: Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
  sha384WithRsa: Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c]),
  sha512WithRsa: Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d]),
} as const;

/** The hash a signature algorithm OID names, for the algorithms Fabric's MSPs meet (ECDSA and RSA PKCS#1). */
export function hashOfSignatureAlgorithm(oid: Buffer): string | undefined {
  if (oid.equals(OID.ecdsaWithSha256) || oid.equals(OID.sha256WithRsa)) return 'sha256';
  if (oid.equals(OID.ecdsaWithSha384) || oid.equals(OID.sha384WithRsa)) return 'sha384';
  if (oid.equals(OID.ecdsaWithSha512) || oid.equals(OID.sha512WithRsa)) return 'sha512';
  return undefined;
}

/** Extensions ::= SEQUENCE OF SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }: by OID. */
export function extensionValue(der: Uint8Array, extensions: DerElement, oid: Buffer): Buffer | undefined {
  for (const extension of children(der, extensions)) {
    const parts = children(der, extension);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id?.tag === 0x06 && value?.tag === 0x04 && bytesOf(der, id).equals(oid)) return bytesOf(der, value);
  }
  return undefined;
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }. */
export function keyIdentifierOfAki(value: Buffer): Buffer | undefined {
  const sequence = readElement(value, 0);
  const first = children(value, sequence)[0];
  return first?.tag === 0x80 ? bytesOf(value, first) : undefined;
}
