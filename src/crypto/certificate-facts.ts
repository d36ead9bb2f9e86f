// Questions other stages ask of a parsed certificate: who signed it, which NodeOUs and host names it carries.
import type { X509Certificate } from 'node:crypto';
import { children, type DerElement, readElement } from './_der.js';

/** True when `certificate` names `issuer` as its issuer and `issuer`'s key verifies its signature. */
export function isSignedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  if (!certificate.checkIssued(issuer)) return false;
  try {
    return certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * True when `certificate` chains to one of `roots`, directly or through `intermediates` (as Fabric's MSP
 * builds chains: roots from cacerts/, intermediates from intermediatecerts/).
 */
export function chainsTo(
  certificate: X509Certificate,
  roots: readonly X509Certificate[],
  intermediates: readonly X509Certificate[] = [],
): boolean {
  const visit = (current: X509Certificate, depth: number): boolean => {
    if (roots.some((root) => isSignedBy(current, root))) return true;
    // Bounded: a loop of intermediates signing each other must not hang validation.
    if (depth >= intermediates.length) return false;
    return intermediates.some((next) => next !== current && isSignedBy(current, next) && visit(next, depth + 1));
  };
  return visit(certificate, 0);
}

/**
 * The subject's OU values in certificate order (`[]` when there is none), as Go's crypto/x509, and so Fabric's
 * MSP, reads them: every OU attribute (2.5.4.11) of every RDN, the values of a multi-valued RDN included.
 *
 * Read from the certificate's own DER, on purpose, and not through one of node:crypto's views of it:
 * - `toLegacyObject()` requires Node's `_tls_common`, which requires `tls` while itself half loaded; `tls` then
 *   copies an undefined `createSecureContext` from it, and every HTTPS request of the process fails from then on
 *   ("tls.createSecureContext is not a function", Node 20). Loading node:tls first only hides this while every
 *   entry point remembers to, in the right order; not touching the legacy object does not depend on order at all.
 * - `subject` is display text (RFC 2253 escapes, " + " between the values of a multi-valued RDN): reading it
 *   back would be guessing at another program's quoting.
 * - @peculiar/x509 reads names correctly, but loading it costs about 150 ms, more than validating a spec does.
 */
export function organizationalUnits(certificate: X509Certificate): string[] {
  const der = certificate.raw;
  const units: string[] = [];
  for (const rdn of children(der, subjectName(der))) {
    for (const attribute of children(der, rdn)) {
      const [type, value] = children(der, attribute);
      if (!type || !value || !der.subarray(type.start, type.end).equals(OU_OID)) continue;
      const text = directoryString(der, value);
      if (text !== undefined) units.push(text);
    }
  }
  return units;
}

/** 2.5.4.11 (id-at-organizationalUnitName), as the content bytes of its DER OBJECT IDENTIFIER. */
const OU_OID = Buffer.from([0x55, 0x04, 0x0b]);

/**
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
 * validity, subject, ... }, ... } -> subject.
 */
function subjectName(der: Buffer): DerElement {
  const [tbs] = children(der, readElement(der, 0));
  if (tbs?.tag !== 0x30) throw malformed();
  const fields = children(der, tbs);
  const subject = fields[fields[0]?.tag === 0xa0 ? 5 : 4];
  if (subject?.tag !== 0x30) throw malformed();
  return subject;
}

/**
 * A DirectoryString's text, for the string types Go's crypto/x509 accepts in a name; undefined for another
 * (Go refuses such a certificate, so Fabric never sees that value).
 */
function directoryString(der: Buffer, value: DerElement): string | undefined {
  const bytes = der.subarray(value.start, value.end);
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
      const units = Buffer.from(bytes).swap16();
      const text = units.toString('utf16le');
      return text.endsWith('\u0000') ? text.slice(0, -1) : text;
    }
    default:
      return undefined;
  }
}

function malformed(): Error {
  // node:crypto parsed this certificate already, so its DER is well formed: reaching here is a bug.
  return new Error('certificate DER does not have the structure of an X.509 certificate');
}

/** The DNS subject alternative names. */
export function dnsNames(certificate: X509Certificate): string[] {
  const text = certificate.subjectAltName;
  if (!text) return [];
  return text
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
}
