// Questions other stages ask of a read certificate: who signed it, whether it chains to a CA, which NodeOUs it
// carries. Answered as Go's crypto/x509 answers them (Fabric's MSP and orderer): a parent is found by its subject's
// DER equal to the child's issuer (cert_pool.go findPotentialParents), may sign only as a CA whose key usage, if
// any, allows keyCertSign (x509.go CheckSignatureFrom), and its key must verify the signature with the algorithm
// the certificate names (ECDSA, RSA PKCS#1 v1.5 with SHA-2, Ed25519; Go refuses SHA-1 and so does this).
import { type KeyObject, verify } from 'node:crypto';
import { type Certificate, KEY_USAGE_CERT_SIGN } from './read-certificate.js';

/** True when `certificate` names `issuer` as its issuer and `issuer`, allowed to sign certificates, signed it. */
export function isSignedBy(certificate: Certificate, issuer: Certificate): boolean {
  if (!certificate.issuerDer.equals(issuer.subjectDer)) return false;
  if (!maySignCertificates(issuer)) return false;
  return signatureVerifies(certificate, issuer.publicKey);
}

/** True when `certificate` names itself as issuer and its own key verifies its signature (whatever it may sign). */
export function isSelfSigned(certificate: Certificate): boolean {
  return certificate.issuerDer.equals(certificate.subjectDer) && signatureVerifies(certificate, certificate.publicKey);
}

/**
 * RFC 5280 4.2.1.9 as Go applies it: a version 3 certificate without basicConstraints, or with cA false, does not
 * sign certificates; neither does one whose keyUsage lacks keyCertSign.
 */
function maySignCertificates(issuer: Certificate): boolean {
  if (issuer.version === 3 && !issuer.basicConstraintsValid) return false;
  if (issuer.basicConstraintsValid && !issuer.ca) return false;
  return issuer.keyUsage === 0 || (issuer.keyUsage & KEY_USAGE_CERT_SIGN) !== 0;
}

/** Signature algorithms by OID: the key type they require and the hash (null for Ed25519, which hashes itself). */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, { keyType: string; hash: string | null }>> = {
  '1.2.840.10045.4.3.2': { keyType: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { keyType: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { keyType: 'ec', hash: 'sha512' },
  '1.2.840.113549.1.1.11': { keyType: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { keyType: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { keyType: 'rsa', hash: 'sha512' },
  '1.3.101.112': { keyType: 'ed25519', hash: null },
};

/**
 * True when `key` verifies the certificate's signature over its TBSCertificate. The key's type must be the one the
 * algorithm names (node would otherwise verify an "RSA" signature as ECDSA with an EC key).
 */
export function signatureVerifies(certificate: Certificate, key: KeyObject): boolean {
  const algorithm = SIGNATURE_ALGORITHMS[certificate.signatureAlgorithm];
  if (!algorithm || key.asymmetricKeyType !== algorithm.keyType) return false;
  try {
    return verify(algorithm.hash, certificate.tbs, key, certificate.signature);
  } catch {
    return false;
  }
}

/**
 * True when `certificate` chains to one of `roots`, directly or through `intermediates` (as Fabric's MSP
 * builds chains: roots from cacerts/, intermediates from intermediatecerts/).
 */
export function chainsTo(
  certificate: Certificate,
  roots: readonly Certificate[],
  intermediates: readonly Certificate[] = [],
): boolean {
  const visit = (current: Certificate, depth: number): boolean => {
    if (roots.some((root) => isSignedBy(current, root))) return true;
    // Bounded: a loop of intermediates signing each other must not hang validation.
    if (depth >= intermediates.length) return false;
    return intermediates.some((next) => next !== current && isSignedBy(current, next) && visit(next, depth + 1));
  };
  return visit(certificate, 0);
}

/** The subject's OU values in certificate order (`[]` when there is none), as Go and so Fabric's MSP read them. */
export function organizationalUnits(certificate: Certificate): readonly string[] {
  return certificate.organizationalUnits;
}

/** The DNS subject alternative names. */
export function dnsNames(certificate: Certificate): readonly string[] {
  return certificate.dnsNames;
}
