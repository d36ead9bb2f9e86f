// The plan's certificate facts for readers: a one-line digest (text) and a collapsed table (markdown). Dates only,
// never "in N days": a rendered plan is the same bytes whenever it is rendered (verify re-renders plan.md).
import { type CertificateFact, describeCertificate } from '../certificates/index.js';
import { code, details, escapeText, plural, table } from './_markdown-text.js';

/** "Certificates: 24; the first to expire is the CA certificate of org1, on 2035-11-30." */
export function certificateDigest(facts: readonly CertificateFact[] | undefined): string | undefined {
  if (!facts || facts.length === 0) return undefined;
  const first = [...facts].sort((a, b) => a.notAfter.localeCompare(b.notAfter))[0]!;
  return `Certificates: ${facts.length}; the first to expire is the ${describeCertificate(first)}, on ${first.notAfter.slice(0, 10)}.`;
}

export function certificateSection(facts: readonly CertificateFact[] | undefined): string[] {
  const digest = certificateDigest(facts);
  if (!facts || !digest) return [];
  const rows = [...facts]
    .sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.sha256.localeCompare(b.sha256))
    .map((fact) => [
      escapeText(fact.organization),
      fact.kind,
      fact.node ? escapeText(fact.node) : '',
      escapeText(fact.subject),
      fact.notAfter.slice(0, 10),
      fact.sources.map(code).join(', '),
    ]);
  return [
    ...details(
      escapeText(`${digest.replace(/^Certificates: \d+/, plural(facts.length, 'certificate'))}`),
      table(['organization', 'kind', 'node', 'subject', 'expires', 'named in'], ['l', 'l', 'l', 'l', 'l', 'l'], rows),
    ),
    '',
  ];
}
