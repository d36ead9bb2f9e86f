// The one reader of X.509 certificates (RFC 5280 DER) in netspec: the fields plan, validate and the signature check
// use, read by hand from the DER in microseconds. node:crypto's X509Certificate costs about 0.18 ms to construct
// (OpenSSL parses and caches every extension), which was a third of `plan`'s CPU on a 200-organization consortium.
// What is read and refused follows Go's crypto/x509 (parser.go), which is what Fabric's MSP and orderer use:
// a certificate Go would not parse is refused here with the reason, never half read.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { bytesOf, children, type DerElement, DerError, encodingOf, integerOf, oidText, readElement } from './_der.js';
import { nameRdns, organizationalUnitsOf } from './_distinguished-name.js';

/** A certificate's bytes are not an X.509 certificate Go would parse; the message says what and where. */
export class CertificateFormatError extends Error {}

/** Go's x509.KeyUsage bits: bit i of the KeyUsage BIT STRING is 1 << i (digitalSignature = 1, keyCertSign = 32). */
export const KEY_USAGE_CERT_SIGN = 1 << 5;

export interface Certificate {
  /** The whole DER. */
  readonly raw: Buffer;
  /** TBSCertificate, header included: the bytes the issuer signed. */
  readonly tbs: Buffer;
  readonly version: 1 | 2 | 3;
  readonly serialNumber: bigint;
  /** The signature algorithm in dotted form ("1.2.840.10045.4.3.2"). */
  readonly signatureAlgorithm: string;
  /** The signature BIT STRING's bytes (an ECDSA signature is its DER SEQUENCE { r, s }). */
  readonly signature: Buffer;
  /** The signatureValue BIT STRING element, header included (sanitizing rewrites it). */
  readonly signatureField: Buffer;
  /** The outer signatureAlgorithm AlgorithmIdentifier, header included. */
  readonly signatureAlgorithmField: Buffer;
  /** The issuer and subject Names, DER (chains are built by comparing these bytes, as Go does). */
  readonly issuerDer: Buffer;
  readonly subjectDer: Buffer;
  /** `CN=…, O=…` in certificate order, as node:crypto prints it with ", " between RDNs. */
  readonly issuer: string;
  readonly subject: string;
  /** The RDNs as text, in certificate order (`issuer` and `subject` join them with ", "). */
  readonly issuerRdns: readonly string[];
  readonly subjectRdns: readonly string[];
  /** Milliseconds since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** SubjectPublicKeyInfo, DER. */
  readonly spki: Buffer;
  /** True when a basicConstraints extension is present (Go's BasicConstraintsValid). */
  readonly basicConstraintsValid: boolean;
  /** basicConstraints cA. */
  readonly ca: boolean;
  /** Go's KeyUsage bits; 0 when the certificate has no keyUsage extension. */
  readonly keyUsage: number;
  readonly subjectKeyId: Buffer | undefined;
  readonly authorityKeyId: Buffer | undefined;
  /** Subject alternative names: DNS names, and IP addresses as OpenSSL prints them (IPv6 as eight hex groups). */
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /** Every extension's extnValue (the OCTET STRING's content), by dotted OID: for the ones not read above. */
  readonly extensions: ReadonlyMap<string, Buffer>;
  /** The subject's OU values in certificate order, as Go reads them. */
  readonly organizationalUnits: readonly string[];
  /** The subject public key; created on first use and kept (an issuer's key verifies many certificates). */
  readonly publicKey: KeyObject;
  /** SHA-256 of the DER, lowercase hex; computed on first use and kept. */
  readonly sha256: string;
}

/**
 * Reads one certificate from its DER; throws CertificateFormatError. Not cached: see parsedCertificate. The result
 * owns a copy of the bytes and is frozen, so one shared reading cannot be changed under its other readers.
 */
export function readCertificate(der: Uint8Array): Certificate {
  const bytes = Buffer.from(der);
  try {
    return readFields(bytes);
  } catch (error) {
    if (error instanceof DerError) throw new CertificateFormatError(`malformed certificate: ${error.message}`);
    throw error;
  }
}

const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';

function readFields(der: Buffer): Certificate {
  const outer = readElement(der, 0);
  if (outer.tag !== 0x30) throw new DerError('it is not a SEQUENCE');
  if (outer.end !== der.length) throw new DerError(`${der.length - outer.end} bytes follow the certificate`);
  const [tbs, algorithm, signatureValue, extra] = children(der, outer);
  if (tbs?.tag !== 0x30 || algorithm?.tag !== 0x30 || signatureValue?.tag !== 0x03 || extra)
    throw new DerError('it is not SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }');
  const fields = children(der, tbs);
  let next = 0;
  let version: 1 | 2 | 3 = 1;
  if (fields[0]?.tag === 0xa0) {
    const [versionInteger] = children(der, fields[0]);
    const value = versionInteger ? integerOf(der, versionInteger) : -1n;
    if (value < 0n || value > 2n) throw new DerError(`unknown version ${value}`);
    version = (Number(value) + 1) as 1 | 2 | 3;
    next = 1;
  }
  const [serial, innerAlgorithm, issuer, validity, subject, spki, ...rest] = fields.slice(next);
  if (serial?.tag !== 0x02) throw new DerError('no serial number');
  if (innerAlgorithm?.tag !== 0x30 || issuer?.tag !== 0x30 || validity?.tag !== 0x30 || subject?.tag !== 0x30)
    throw new DerError('tbsCertificate lacks its signature algorithm, issuer, validity or subject');
  if (spki?.tag !== 0x30) throw new DerError('no subject public key info');
  // Go refuses a certificate whose two signature algorithm fields differ (they are signed and unsigned copies).
  if (!encodingOf(der, innerAlgorithm).equals(encodingOf(der, algorithm)))
    throw new DerError('the signed and the outer signature algorithms differ');
  const [notBefore, notAfter] = children(der, validity);
  if (!notBefore || !notAfter) throw new DerError('validity lacks notBefore or notAfter');
  const algorithmOid = children(der, algorithm)[0];
  if (!algorithmOid) throw new DerError('empty signature algorithm');
  if (der[signatureValue.start] !== 0) throw new DerError('the signature BIT STRING has unused bits');

  const extensions = readExtensions(der, rest, version);
  const key = { object: undefined as KeyObject | undefined, sha256: undefined as string | undefined };
  const spkiDer = encodingOf(der, spki);
  const ecPoint = ecPublicKeyJwk(der, spki);
  const subjectRdns = nameRdns(der, subject);
  const issuerRdns = nameRdns(der, issuer);
  return Object.freeze({
    raw: der,
    tbs: encodingOf(der, tbs),
    version,
    serialNumber: integerOf(der, serial),
    signatureAlgorithm: oidText(der, algorithmOid),
    signature: Buffer.from(der.subarray(signatureValue.start + 1, signatureValue.end)),
    signatureField: encodingOf(der, signatureValue),
    signatureAlgorithmField: encodingOf(der, algorithm),
    issuerDer: encodingOf(der, issuer),
    subjectDer: encodingOf(der, subject),
    issuer: issuerRdns.join(', '),
    subject: subjectRdns.join(', '),
    notBefore: timeOf(der, notBefore),
    notAfter: timeOf(der, notAfter),
    spki: spkiDer,
    ...extensions,
    organizationalUnits: Object.freeze(organizationalUnitsOf(der, subject)),
    issuerRdns: Object.freeze(issuerRdns),
    subjectRdns: Object.freeze(subjectRdns),
    get publicKey(): KeyObject {
      key.object ??= ecPoint
        ? createPublicKey({ key: ecPoint, format: 'jwk' })
        : createPublicKey({ key: spkiDer, format: 'der', type: 'spki' });
      return key.object;
    },
    get sha256(): string {
      key.sha256 ??= createHash('sha256').update(der).digest('hex');
      return key.sha256;
    },
  });
}

/** Named curves of EC keys, by their OID: the JWK name and the byte length of a coordinate. */
const EC_CURVES: Readonly<Record<string, { crv: string; size: number }>> = {
  '1.2.840.10045.3.1.7': { crv: 'P-256', size: 32 },
  '1.3.132.0.34': { crv: 'P-384', size: 48 },
  '1.3.132.0.35': { crv: 'P-521', size: 66 },
};

/**
 * An EC key on a named curve with an uncompressed point, as a JWK; undefined for any other key (read from its SPKI).
 * Why: node 20's OpenSSL 3.0 decodes a DER SubjectPublicKeyInfo through its generic decoder chain, which costs as
 * much as constructing an X509Certificate (0.27 ms against 0.28 ms, medians on this machine); the same key from its
 * coordinates costs 0.17 ms, and OpenSSL still checks the point is on the curve. A signer seen the first time pays it.
 */
function ecPublicKeyJwk(der: Buffer, spki: DerElement): { kty: 'EC'; crv: string; x: string; y: string } | undefined {
  const [algorithm, bits] = children(der, spki);
  if (algorithm?.tag !== 0x30 || bits?.tag !== 0x03) throw new DerError('the subject public key info is malformed');
  const [type, parameters] = children(der, algorithm);
  if (type?.tag !== 0x06 || parameters?.tag !== 0x06 || oidText(der, type) !== '1.2.840.10045.2.1') return undefined;
  const curve = EC_CURVES[oidText(der, parameters)];
  const point = der.subarray(bits.start, bits.end);
  if (!curve || point.length !== 2 + 2 * curve.size || point[0] !== 0 || point[1] !== 0x04) return undefined;
  return {
    kty: 'EC',
    crv: curve.crv,
    x: point.subarray(2, 2 + curve.size).toString('base64url'),
    y: point.subarray(2 + curve.size).toString('base64url'),
  };
}

type ExtensionFields = {
  -readonly [K in
    | 'basicConstraintsValid'
    | 'ca'
    | 'keyUsage'
    | 'subjectKeyId'
    | 'authorityKeyId'
    | 'dnsNames'
    | 'ipAddresses'
    | 'extensions']: Certificate[K];
};

/** issuerUniqueID [1], subjectUniqueID [2], extensions [3]; Go refuses a repeated extension. */
function readExtensions(der: Buffer, rest: DerElement[], version: number): ExtensionFields {
  const fields: ExtensionFields = {
    basicConstraintsValid: false,
    ca: false,
    keyUsage: 0,
    subjectKeyId: undefined,
    authorityKeyId: undefined,
    dnsNames: Object.freeze([]),
    ipAddresses: Object.freeze([]),
    extensions: new Map(),
  };
  const extensions = new Map<string, Buffer>();
  fields.extensions = extensions;
  const wrapper = rest.find((element) => element.tag === 0xa3);
  if (rest.some((element) => element.tag !== 0x81 && element.tag !== 0x82 && element.tag !== 0xa3))
    throw new DerError('tbsCertificate holds an unknown field after the public key');
  if (!wrapper) return fields;
  if (version !== 3) throw new DerError('a version 1 or 2 certificate carries extensions');
  const [list] = children(der, wrapper);
  if (list?.tag !== 0x30) throw new DerError('extensions are not a SEQUENCE');
  for (const extension of children(der, list)) {
    const parts = children(der, extension);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (extension.tag !== 0x30 || id?.tag !== 0x06 || value?.tag !== 0x04 || parts.length > 3)
      throw new DerError('an extension is not { extnID, critical, extnValue }');
    const oid = oidText(der, id);
    if (extensions.has(oid)) throw new DerError(`extension ${oid} appears twice`);
    const content = bytesOf(der, value);
    extensions.set(oid, content);
    if (oid === OID_BASIC_CONSTRAINTS) {
      fields.basicConstraintsValid = true;
      fields.ca = basicConstraintsCa(content);
    } else if (oid === OID_KEY_USAGE) fields.keyUsage = keyUsageBits(content);
    else if (oid === OID_SUBJECT_KEY_ID) fields.subjectKeyId = octetString(content);
    else if (oid === OID_AUTHORITY_KEY_ID) fields.authorityKeyId = authorityKeyIdentifier(content);
    else if (oid === OID_SUBJECT_ALT_NAME) Object.assign(fields, alternativeNames(content));
  }
  return fields;
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
function basicConstraintsCa(value: Buffer): boolean {
  const sequence = single(value, 0x30, 'basicConstraints');
  const first = children(value, sequence)[0];
  if (first?.tag !== 0x01) return false;
  if (first.end - first.start !== 1) throw new DerError('basicConstraints cA is not a BOOLEAN');
  return value[first.start] !== 0;
}

/** KeyUsage ::= BIT STRING, bit 0 the most significant bit of the first byte. */
function keyUsageBits(value: Buffer): number {
  const bits = single(value, 0x03, 'keyUsage');
  if (bits.end === bits.start) throw new DerError('keyUsage is an empty BIT STRING');
  let usage = 0;
  for (let index = 0; index < (bits.end - bits.start - 1) * 8 && index < 16; index++)
    if (value[bits.start + 1 + (index >> 3)]! & (0x80 >> (index & 7))) usage |= 1 << index;
  return usage;
}

function octetString(value: Buffer): Buffer {
  return bytesOf(value, single(value, 0x04, 'subjectKeyIdentifier'));
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }. */
function authorityKeyIdentifier(value: Buffer): Buffer | undefined {
  const first = children(value, single(value, 0x30, 'authorityKeyIdentifier'))[0];
  return first?.tag === 0x80 ? bytesOf(value, first) : undefined;
}

/** GeneralNames: dNSName [2] IA5String, iPAddress [7] OCTET STRING (4 or 16 bytes). */
function alternativeNames(value: Buffer): Pick<Certificate, 'dnsNames' | 'ipAddresses'> {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const name of children(value, single(value, 0x30, 'subjectAltName'))) {
    if (name.tag === 0x82) dnsNames.push(bytesOf(value, name).toString('latin1'));
    else if (name.tag === 0x87) ipAddresses.push(ipText(bytesOf(value, name)));
  }
  return { dnsNames: Object.freeze(dnsNames), ipAddresses: Object.freeze(ipAddresses) };
}

function ipText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) throw new DerError(`an IP address SAN is ${bytes.length} bytes long`);
  return Array.from({ length: 8 }, (_, i) =>
    bytes
      .readUInt16BE(2 * i)
      .toString(16)
      .toUpperCase(),
  ).join(':');
}

/** The element a value holds, alone. */
function single(value: Buffer, tag: number, what: string): DerElement {
  const element = readElement(value, 0);
  if (element.tag !== tag || element.end !== value.length) throw new DerError(`${what} is malformed`);
  return element;
}

/**
 * UTCTime YYMMDDHHMM[SS]Z (YY < 50 is 20YY, as RFC 5280 and Go read it) or GeneralizedTime YYYYMMDDHHMMSS[.f]Z,
 * the forms Go's parser accepts (a numeric offset instead of Z too).
 */
function timeOf(der: Buffer, element: DerElement): number {
  const text = der.subarray(element.start, element.end).toString('latin1');
  const match =
    element.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})$/.exec(text)
      : element.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?(Z|[+-]\d{4})$/.exec(text)
        : null;
  if (!match) throw new DerError(`validity time '${text}' is neither a UTCTime nor a GeneralizedTime`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  let year = Number(y);
  if (element.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const month = Number(mo);
  const day = Number(d);
  const milliseconds = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, month - 1, day, Number(h), Number(mi), Number(s ?? 0), milliseconds));
  date.setUTCFullYear(year); // Date.UTC would read a year below 100 as 19YY
  let time = date.getTime();
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!valid || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)
    throw new DerError(`validity time '${text}' is not a date`);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return time;
}
