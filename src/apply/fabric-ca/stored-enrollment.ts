// Whether the identity already in the output folder is one the spec still wants: its key and certificate belong
// together, the certificate comes from this CA, has not expired, and carries the user's type and exactly the
// spec's attributes (Fabric CA's attribute extension, 1.2.3.4.5.6.7.8.1, JSON {"attrs": {...}}, lib/attrmgr).
// Anything else is "not usable" with the reason, and apply enrolls the user again.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { UserModel } from '../../compiler/model/network-model.js';
import { isSignedBy, organizationalUnits } from '../../crypto/certificate-facts.js';
import { parsedCertificate, parsedCertificateOrUndefined } from '../../crypto/parsed-certificates.js';
import type { Certificate } from '../../crypto/read-certificate.js';

export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/** What the output folder holds for a user (undefined parts are missing files). */
export interface StoredIdentity {
  path: string;
  certificatePem?: string;
  privateKeyPem?: string;
}

export type EnrollmentVerdict =
  | { usable: true }
  /** `renewable`: the certificate and key are valid for this CA, so the user can re-enroll itself. */
  | { usable: false; reason: string; renewable: boolean };

export function judgeStoredEnrollment(
  stored: StoredIdentity | undefined,
  user: UserModel,
  caChain: readonly Certificate[],
  now: Date = new Date(),
): EnrollmentVerdict {
  if (!stored?.certificatePem || !stored.privateKeyPem)
    return { usable: false, reason: `no enrollment in ${stored?.path ?? 'the output folder'}`, renewable: false };
  let certificate: Certificate;
  try {
    certificate = parsedCertificate(stored.certificatePem);
    const key = createPublicKey(createPrivateKey(stored.privateKeyPem)).export({ type: 'spki', format: 'der' });
    if (!certificate.publicKey.export({ type: 'spki', format: 'der' }).equals(key))
      return { usable: false, reason: `the key in ${stored.path} does not match its certificate`, renewable: false };
  } catch {
    return { usable: false, reason: `the enrollment in ${stored.path} does not parse`, renewable: false };
  }
  if (!caChain.some((issuer) => isSignedBy(certificate, issuer)))
    return { usable: false, reason: `the certificate in ${stored.path} was not issued by this CA`, renewable: false };
  if (certificate.notAfter <= now.getTime() || certificate.notBefore > now.getTime())
    return { usable: false, reason: `the certificate in ${stored.path} is not valid now`, renewable: false };
  if (!organizationalUnits(certificate).includes(user.type))
    return { usable: false, reason: `the certificate is not of type '${user.type}'`, renewable: true };
  const carried = certificateAttributes(stored.certificatePem);
  const differing = [...new Set([...Object.keys(carried), ...Object.keys(user.attributes)])]
    .filter((name) => !/^hf\./i.test(name) && carried[name] !== user.attributes[name])
    .sort();
  if (differing.length > 0)
    return { usable: false, reason: `the certificate's attributes differ (${differing.join(', ')})`, renewable: true };
  return { usable: true };
}

/** The attributes Fabric CA wrote into an enrollment certificate ({} without the extension). */
export function certificateAttributes(certificatePem: string): Record<string, string> {
  const value = parsedCertificateOrUndefined(certificatePem)?.extensions.get(FABRIC_ATTRIBUTES_OID);
  if (!value) return {};
  try {
    const parsed = JSON.parse(value.toString('utf8')) as { attrs?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(parsed.attrs ?? {}).map(([name, value]) => [name, String(value)]));
  } catch {
    return {};
  }
}
