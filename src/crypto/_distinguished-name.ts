// A Name (issuer or subject) as text, printed as node:crypto prints `X509Certificate.subject` (OpenSSL's
// X509_NAME_print_ex with XN_FLAG_SEP_MULTILINE, short names, RFC 2253 and control escapes, UTF-8 output), with
// ", " between RDNs instead of "\n": plan.json, diagnostics and signer names have shown exactly this text since
// netspec read certificates through node:crypto, and it must not change under them.
// Also the OUs as Go's crypto/x509 (so Fabric's MSP) reads them: every 2.5.4.11 value of every RDN.
import { bytesOf, children, type DerElement, DerError, oidText } from './_der.js';

/** Short names OpenSSL prints (crypto/objects/objects.txt) for the attribute types certificates carry. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.13': 'description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.45': 'x500UniqueIdentifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

const OU = '2.5.4.11';

/**
 * Name ::= SEQUENCE OF RelativeDistinguishedName (a SET OF AttributeTypeAndValue { type OID, value ANY }): each RDN
 * as text, in certificate order.
 */
export function nameRdns(der: Uint8Array, name: DerElement): string[] {
  const rdns: string[] = [];
  for (const rdn of children(der, name)) {
    if (rdn.tag !== 0x31) throw new DerError('a name holds an RDN that is not a SET');
    const values: string[] = [];
    for (const attribute of children(der, rdn)) {
      const [type, value] = attributeParts(der, attribute);
      const oid = oidText(der, type);
      values.push(`${SHORT_NAMES[oid] ?? oid}=${valueText(der, value)}`);
    }
    rdns.push(values.join(' + '));
  }
  return rdns;
}

/** The subject's OU values in certificate order, as Go reads them (a value of a type Go refuses is left out). */
export function organizationalUnitsOf(der: Uint8Array, name: DerElement): string[] {
  const units: string[] = [];
  for (const rdn of children(der, name))
    for (const attribute of children(der, rdn)) {
      const [type, value] = attributeParts(der, attribute);
      if (oidText(der, type) !== OU) continue;
      const text = goDirectoryString(der, value);
      if (text !== undefined) units.push(text);
    }
  return units;
}

function attributeParts(der: Uint8Array, attribute: DerElement): [DerElement, DerElement] {
  const parts = children(der, attribute);
  if (attribute.tag !== 0x30 || parts.length !== 2 || parts[0]!.tag !== 0x06)
    throw new DerError('a name attribute is not { type OID, value }');
  return [parts[0]!, parts[1]!];
}

/**
 * A DirectoryString's text for the string types Go's crypto/x509 accepts in a name; undefined for another (Go
 * refuses such a certificate, so Fabric never sees that value).
 */
function goDirectoryString(der: Uint8Array, value: DerElement): string | undefined {
  const bytes = bytesOf(der, value);
  switch (value.tag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // T61String: Go reads it as ISO 8859-1, as most issuers meant it
      return bytes.toString('latin1');
    case 0x1e: {
      // BMPString: UTF-16 big-endian; Go drops a trailing NUL terminator.
      if (bytes.length % 2 !== 0) return undefined;
      const text = Buffer.from(bytes).swap16().toString('utf16le');
      return text.endsWith('\u0000') ? text.slice(0, -1) : text;
    }
    default:
      return undefined;
  }
}

/** OpenSSL's do_print_ex for one value: decoded by its string type, then escaped (RFC 2253 and control characters). */
function valueText(der: Uint8Array, value: DerElement): string {
  const characters = decodedCharacters(der, value);
  if (characters === undefined) return `#${Buffer.from(der.subarray(value.header, value.end)).toString('hex')}`;
  let text = '';
  characters.forEach((code, index) => {
    const character = String.fromCodePoint(code);
    if (code < 0x20 || code === 0x7f) text += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (',+"\\<>;'.includes(character)) text += `\\${character}`;
    else if (index === 0 && (character === '#' || character === ' ')) text += `\\${character}`;
    else if (index === characters.length - 1 && character === ' ') text += `\\${character}`;
    else text += character;
  });
  return text;
}

/** Code points of a string value, by OpenSSL's width of its type; undefined for a type it dumps as hex instead. */
function decodedCharacters(der: Uint8Array, value: DerElement): number[] | undefined {
  const bytes = der.subarray(value.start, value.end);
  switch (value.tag) {
    case 0x0c: // UTF8String
      return [...Buffer.from(bytes).toString('utf8')].map((c) => c.codePointAt(0)!);
    case 0x1e: // BMPString
      if (bytes.length % 2 !== 0) return undefined;
      return Array.from({ length: bytes.length / 2 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
    case 0x1c: // UniversalString
      if (bytes.length % 4 !== 0) return undefined;
      return Array.from({ length: bytes.length / 4 }, (_, i) =>
        Buffer.from(bytes.subarray(4 * i, 4 * i + 4)).readUInt32BE(0),
      );
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // T61String
    case 0x15: // VideotexString
    case 0x16: // IA5String
    case 0x19: // GraphicString
    case 0x1a: // VisibleString
    case 0x1b: // GeneralString
    case 0x04: // OCTET STRING
      return [...bytes];
    default:
      return undefined;
  }
}
