// The certificates a network's spec relies on, as the console's live page lists them: the facts are plan's and
// status's own certificate inventory (src/compiler/certificates), so the three cannot disagree about which
// certificates exist or when they expire; this file only words each fact's role and names its file from the
// repository's root. Public certificates only: no private key is opened.
import { join, relative, sep } from 'node:path';
import { type CertificateFact, type CertificateKind, certificateInventory } from '../compiler/certificates/index.js';
import type { NetworkModel } from '../compiler/model/index.js';
import type { CertificateOverview } from './console-documents.js';

const ROLE_WORDS: Readonly<Record<CertificateKind, string>> = {
  ca: 'CA',
  intermediate: 'intermediate CA',
  'tls-ca': 'TLS CA',
  'tls-intermediate': 'TLS intermediate CA',
  admin: 'admin',
  'node-tls': 'TLS',
  'consenter-tls': 'consenter TLS',
  'consenter-identity': 'consenter identity',
};

/** The spec's certificates, soonest to expire first, each once per role it plays. */
export function certificatesOf(model: NetworkModel, root: string): CertificateOverview[] {
  const specFolder = relative(root, model.specDir);
  return certificateInventory(model)
    .map((fact) => ({
      organization: fact.organization,
      role: roleOf(fact),
      file: join(specFolder, fact.sources[0]!).split(sep).join('/'),
      subject: fact.subject,
      notAfter: fact.notAfter,
    }))
    .sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.file.localeCompare(b.file));
}

function roleOf(fact: CertificateFact): string {
  return fact.node ? `${fact.node} ${ROLE_WORDS[fact.kind]}` : ROLE_WORDS[fact.kind];
}
