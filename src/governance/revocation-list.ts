// An MSP's revocation_list entry (an X.509 CRL, PEM or DER as Go's x509.ParseCRL takes it), reduced to what
// Fabric's revocation check reads (msp/mspimplvalidate.go validateCertAgainstChain): the authority key identifier
// naming the CA it is for, the revoked serial numbers, and the signature, which must be the issuing CA's.
import { type KeyObject, verify } from 'node:crypto';
import {
  bytesOf,
  children,
  DerError,
  encodingOf,
  extensionValue,
  hashOfSignatureAlgorithm,
  integerOf,
  keyIdentifierOfAki,
  OID,
  readElement,
} from '../crypto/_der.js';

export interface RevocationList {
  /** The CRL's authorityKeyIdentifier key id; undefined when the CRL has no AKI extension. */
  authorityKeyId?: Buffer;
  /** True when the CRL carries an AKI extension (Fabric refuses every identity of an MSP with a CRL without one). */
  hasAuthorityKeyIdentifier: boolean;
  revokedSerials: bigint[];
  tbs: Buffer;
  signatureAlgorithm: Buffer;
  signature: Buffer;
}

export function parseRevocationList(bytes: Uint8Array): RevocationList | { error: string } {
  const der = pemToDer(bytes);
  if (!der) return { error: 'not a PEM "X509 CRL" block nor DER' };
  try {
    const [tbs, algorithm, signatureValue] = children(der, readElement(der, 0));
    if (tbs?.tag !== 0x30 || algorithm?.tag !== 0x30 || signatureValue?.tag !== 0x03)
      return { error: 'not an X.509 CertificateList' };
    const fields = children(der, tbs);
    let at = fields[0]?.tag === 0x02 ? 1 : 0; // version
    at += 3; // signature, issuer, thisUpdate
    if (fields[at] && (fields[at]!.tag === 0x17 || fields[at]!.tag === 0x18)) at += 1; // nextUpdate
    const revokedSerials: bigint[] = [];
    if (fields[at]?.tag === 0x30) {
      for (const entry of children(der, fields[at]!)) revokedSerials.push(integerOf(der, children(der, entry)[0]!));
      at += 1;
    }
    const extensionsWrapper = fields[at]?.tag === 0xa0 ? fields[at] : undefined;
    const extensions = extensionsWrapper ? children(der, extensionsWrapper)[0] : undefined;
    const aki = extensions ? extensionValue(der, extensions, OID.authorityKeyIdentifier) : undefined;
    const algorithmOid = children(der, algorithm)[0];
    if (algorithmOid?.tag !== 0x06) return { error: 'the CRL signature algorithm is unreadable' };
    const signature = bytesOf(der, signatureValue).subarray(1); // BIT STRING: drop the unused-bits byte
    return {
      ...(aki ? { authorityKeyId: keyIdentifierOfAki(aki) ?? Buffer.alloc(0) } : {}),
      hasAuthorityKeyIdentifier: aki !== undefined,
      revokedSerials,
      tbs: encodingOf(der, tbs),
      signatureAlgorithm: bytesOf(der, algorithmOid),
      signature,
    };
  } catch (error) {
    if (error instanceof DerError) return { error: `malformed CRL: ${error.message}` };
    throw error;
  }
}

/** Go's Certificate.CheckCRLSignature: the CRL's signature verifies under the CA's public key. */
export function isRevocationListSignedBy(list: RevocationList, issuerKey: KeyObject): boolean {
  const hash = hashOfSignatureAlgorithm(list.signatureAlgorithm);
  if (!hash) return false;
  try {
    return verify(hash, list.tbs, issuerKey, list.signature);
  } catch {
    return false;
  }
}

function pemToDer(bytes: Uint8Array): Buffer | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const match = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  if (match) return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  return bytes[0] === 0x30 ? Buffer.from(bytes) : undefined;
}
