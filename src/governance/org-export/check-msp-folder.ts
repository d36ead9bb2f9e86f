// Does the exported MSP hold together as Fabric will read it: every certificate parses, roots are CA
// certificates, intermediates and admin certificates chain to the roots, TLS intermediates to the TLS roots, and
// config.yaml's NodeOU certificates are files that are exported. A broken org definition is found here, in the
// joining org's hands, not when the channel update fails.

import { join } from 'node:path';
import { type Diagnostic, fileRange } from '../../compiler/diagnostics/index.js';
import { chainsTo } from '../../crypto/certificate-facts.js';
import { parseCertificatePem } from '../../crypto/load-certificate.js';
import type { Certificate } from '../../crypto/read-certificate.js';
import { yamlPackage } from '../../yaml-package.js';
import type { MspCertFolder, MspFolderContents } from './read-msp-folder.js';

export function checkMspFolder(dir: string, contents: MspFolderContents): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (code: Diagnostic['code'], path: string, message: string) =>
    diagnostics.push({ code, severity: 'error', message, ranges: [fileRange(join(dir, path))] });
  const parsed = {} as Record<MspCertFolder, { path: string; certificate: Certificate }[]>;
  for (const [folder, files] of Object.entries(contents.certificates) as [
    MspCertFolder,
    { path: string; pem: string }[],
  ][]) {
    parsed[folder] = [];
    for (const file of files) {
      const load = parseCertificatePem(file.pem, file.path);
      if (load.ok) parsed[folder].push({ path: file.path, certificate: load.certificate });
      else report('NS_CERT_INVALID', file.path, load.message);
    }
  }
  const certs = (folder: MspCertFolder) => parsed[folder].map((entry) => entry.certificate);
  if (contents.certificates.cacerts.length === 0)
    report('NS_MSP_INCOMPLETE', 'cacerts', 'the MSP has no cacerts/ certificate');
  if (contents.certificates.tlscacerts.length === 0) {
    report('NS_MSP_INCOMPLETE', 'tlscacerts', 'the MSP has no tlscacerts/ certificate (peers and orderers need it)');
  }
  for (const folder of ['cacerts', 'tlscacerts'] as const) {
    for (const entry of parsed[folder]) {
      if (!entry.certificate.ca) report('NS_CERT_INVALID', entry.path, `${entry.path} is not a CA certificate`);
    }
  }
  const chain = (folder: MspCertFolder, roots: Certificate[], intermediates: Certificate[], what: string) => {
    for (const entry of parsed[folder]) {
      const others = intermediates.filter((c) => c !== entry.certificate);
      if (roots.length > 0 && !chainsTo(entry.certificate, roots, others)) {
        report('NS_CERT_CHAIN', entry.path, `${entry.path} does not chain to the ${what}`);
      }
    }
  };
  chain('intermediatecerts', certs('cacerts'), certs('intermediatecerts'), 'MSP root CA (cacerts/)');
  chain('admincerts', certs('cacerts'), certs('intermediatecerts'), 'MSP root CA (cacerts/)');
  chain('tlsintermediatecerts', certs('tlscacerts'), certs('tlsintermediatecerts'), 'TLS root CA (tlscacerts/)');
  if (contents.configYaml !== undefined) {
    for (const path of nodeOuCertificates(contents.configYaml)) {
      if (!contents.files.has(path))
        report('NS_MSP_INCOMPLETE', 'config.yaml', `config.yaml names ${path}, which is not in the exported MSP`);
    }
  }
  return diagnostics;
}

/** The `Certificate:` paths config.yaml's NodeOUs and OU identifiers name. */
function nodeOuCertificates(text: string): string[] {
  let document: unknown;
  try {
    document = yamlPackage().parse(text);
  } catch {
    return ['config.yaml (does not parse as YAML)'];
  }
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Certificate' && typeof inner === 'string') found.push(inner.replace(/^\.\//, ''));
        else visit(inner);
      }
    }
  };
  visit(document);
  return found;
}
