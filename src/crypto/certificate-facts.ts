// Questions other stages ask of a parsed certificate: who signed it, which NodeOUs and host names it carries.
import type { X509Certificate } from 'node:crypto';

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

/** The subject's OU values, in order (`[]` when there is none). */
export function organizationalUnits(certificate: X509Certificate): string[] {
  const value = certificate.toLegacyObject().subject?.OU as string | string[] | undefined;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
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
