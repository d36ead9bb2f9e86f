// Which certificates expire soon, judged at a given moment: a finding per certificate whose notAfter falls within
// the warning period (or has passed), positioned where the spec names it. An expired orderer TLS certificate is
// the classic way a Fabric network stops: the consenters can no longer dial each other.
// The moment is the caller's (plan and status use the clock): the facts themselves carry none.
import type { NetworkModel } from '../model/network-model.js';
import type { NetworkSpec } from '../model/spec.js';
import type { Finding } from '../validate/index.js';
import type { CertificateFact, CertificateKind } from './certificate-inventory.js';

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** The warning period: the command line's, else the spec's `certificates.expiryWarningDays`, else 30 days. */
export function expiryWarningDays(spec: NetworkSpec, flag?: number): number {
  return flag ?? spec.certificates?.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
}

/** Whole days from `now` to the certificate's notAfter; negative once it has expired. */
export function daysLeft(fact: CertificateFact, now: Date): number {
  return Math.floor((Date.parse(fact.notAfter) - now.getTime()) / DAY_MS);
}

export function expiryFindings(
  facts: readonly CertificateFact[],
  model: NetworkModel,
  options: { now: Date; warningDays: number },
): Finding[] {
  const findings: Finding[] = [];
  for (const fact of facts) {
    const left = daysLeft(fact, options.now);
    if (left >= options.warningDays) continue;
    const date = fact.notAfter.slice(0, 10);
    const when =
      Date.parse(fact.notAfter) <= options.now.getTime()
        ? `expired on ${date}`
        : `expires on ${date}, in ${left === 0 ? 'less than a day' : `${left} day${left === 1 ? '' : 's'}`}`;
    const inSpec = model.organizations.some((org) => org.name === fact.organization);
    findings.push({
      code: 'NS_CERT_EXPIRING',
      severity: 'warning',
      message: `the ${describeCertificate(fact)} (${fact.subject}) ${when}; named in ${fact.sources.join(', ')}`,
      hint: `renew it before it expires (this warning starts ${options.warningDays} days before: --cert-warning-days or certificates.expiryWarningDays)`,
      at: fact.at ?? (inSpec ? ['organizations', fact.organization] : []),
    });
  }
  return findings;
}

const KIND_WORDS: Readonly<Record<CertificateKind, string>> = {
  ca: 'CA certificate',
  intermediate: 'intermediate CA certificate',
  'tls-ca': 'TLS CA certificate',
  'tls-intermediate': 'TLS intermediate CA certificate',
  admin: 'admin certificate',
  'node-tls': 'TLS certificate',
  'consenter-tls': 'consenter TLS certificate',
  'consenter-identity': 'consenter identity certificate',
};

/** "TLS certificate of orderer1/orderer0", "CA certificate of org1". */
export function describeCertificate(fact: CertificateFact): string {
  return `${KIND_WORDS[fact.kind]} of ${fact.node ? `${fact.organization}/${fact.node}` : fact.organization}`;
}
