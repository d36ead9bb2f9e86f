// Fields of an X.509 certificate the MSP rules compare, read from its DER: the serial number (a CRL lists
// serials) and the subject key identifier (a CRL names its issuing CA by it, msp/mspimplvalidate.go).
import type { X509Certificate } from 'node:crypto';
import { bytesOf, children, extensionValue, integerOf, OID, readElement } from '../crypto/_der.js';

export function serialNumberOf(certificate: X509Certificate): bigint {
  const der = certificate.raw;
  const tbs = children(der, readElement(der, 0))[0]!;
  const fields = children(der, tbs);
  return integerOf(der, fields[fields[0]?.tag === 0xa0 ? 1 : 0]!);
}

/** The subjectKeyIdentifier extension's key identifier, undefined when the certificate has none. */
export function subjectKeyIdentifierOf(certificate: X509Certificate): Buffer | undefined {
  const der = certificate.raw;
  const tbs = children(der, readElement(der, 0))[0]!;
  const extensions = children(der, tbs).find((field) => field.tag === 0xa3);
  if (!extensions) return undefined;
  const value = extensionValue(der, children(der, extensions)[0]!, OID.subjectKeyIdentifier);
  if (!value) return undefined;
  const octets = readElement(value, 0);
  return octets.tag === 0x04 ? bytesOf(value, octets) : undefined;
}
