// The certificates a network's spec relies on, with the dates they stop being valid: each organization's MSP roots,
// intermediates, TLS roots and admin certificates (from its MSP folder and the spec's own lists) and each orderer's
// TLS certificate, read from the repository. An expired root or consenter certificate stops a channel; the console
// shows them soonest first. Public certificates only: no private key is opened.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { NetworkModel } from '../compiler/model/index.js';
import { loadCertificate } from '../crypto/load-certificate.js';
import type { CertificateOverview } from './console-documents.js';

/** The MSP folder's certificate subfolders, as Fabric's MSP reads them, and what each holds. */
const MSP_FOLDERS: [string, string][] = [
  ['cacerts', 'CA'],
  ['intermediatecerts', 'intermediate CA'],
  ['tlscacerts', 'TLS CA'],
  ['tlsintermediatecerts', 'TLS intermediate CA'],
  ['admincerts', 'admin'],
];

export function certificatesOf(model: NetworkModel, root: string): CertificateOverview[] {
  const seen = new Set<string>();
  const found: CertificateOverview[] = [];
  const add = (organization: string, role: string, file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const shown = relative(root, file).split(sep).join('/');
    const loaded = loadCertificate(file);
    if (!loaded.ok) found.push({ organization, role, file: shown, problem: loaded.message });
    else
      found.push({
        organization,
        role,
        file: shown,
        subject: loaded.certificate.subject.replace(/\n/g, ', '),
        notAfter: new Date(loaded.certificate.validTo).toISOString(),
      });
  };
  for (const org of model.organizations) {
    const msp = org.msp;
    if (msp.directory)
      for (const [folder, role] of MSP_FOLDERS) {
        const dir = join(msp.directory, folder);
        if (!existsSync(dir)) continue;
        for (const name of readdirSync(dir).sort()) if (name.endsWith('.pem')) add(org.name, role, join(dir, name));
      }
    for (const file of msp.caCerts) add(org.name, 'CA', file);
    for (const file of msp.intermediateCerts) add(org.name, 'intermediate CA', file);
    for (const file of msp.tlsCaCerts) add(org.name, 'TLS CA', file);
    for (const file of msp.tlsIntermediateCerts) add(org.name, 'TLS intermediate CA', file);
    for (const file of msp.adminCerts) add(org.name, 'admin', file);
    if (msp.adminIdentity) add(org.name, 'admin', msp.adminIdentity);
    for (const orderer of org.orderers) add(org.name, `orderer ${orderer.name} TLS`, orderer.tlsCert);
  }
  return found.sort((a, b) => (a.notAfter ?? '').localeCompare(b.notAfter ?? ''));
}
