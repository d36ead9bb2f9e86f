// `netspec crypto`: development MSP material for every organization of a spec, under `<spec dir>/crypto/`.
// Idempotent: existing organizations are kept (nodes added to the spec since get material from the existing
// CA); `force` regenerates everything. Reports paths only: private keys never reach the output.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_README } from './demo-readme.js';
import { certificateAuthorityFromPem } from './issue-certificate.js';
import { keyMatchesCertificate } from './key-matches-certificate.js';
import { privateKeyFromPem } from './key-pair.js';
import { sortedPaths } from './material-tree.js';
import {
  CRYPTO_DIRECTORY,
  caCertFileName,
  identityDirectory,
  orgDirectory,
  orgMspDirectory,
  PRIVATE_KEY_FILE,
  tlsCaCertFileName,
} from './msp-layout.js';
import {
  createIdentity,
  createOrgMaterial,
  identitiesOf,
  type OrgAuthorities,
  type OrgCryptoInput,
} from './org-material.js';
import { parsedCertificate } from './parsed-certificates.js';
import { PRIVATE_KEYS_GITIGNORE, tightenPrivateKeys } from './private-key-files.js';
import { writePublicFileAtomic, writeTreeAtomic } from './write-material.js';

export interface CryptoOptions {
  /** Regenerate material that already exists (new CAs: every certificate changes). */
  force?: boolean;
  now?: Date;
  /**
   * Per organization, per node host: further DNS names of the node's TLS certificate (its address host and
   * Service names, which the caller computes from the spec's addressing model; crypto itself reads no compiler).
   */
  tlsNames?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface CryptoReport {
  /** Files written, relative to the spec folder, sorted per organization. */
  written: string[];
  /** Folders left as they were, relative to the spec folder. */
  kept: string[];
  /** Things the user should know about; not failures. */
  warnings: string[];
  /** Organizations whose material could not be made; the rest was still written. */
  errors: string[];
}

/**
 * What making material reads of a spec's organization: the spec's OrganizationSpec has this shape, stated here
 * so that crypto depends on no stage of the compiler.
 */
export interface OrganizationForMaterial {
  domain: string;
  msp: { directory?: string };
  peers?: readonly { name: string; host?: string }[];
  orderers?: readonly { name: string; host?: string }[];
}

export function orgCryptoInput(
  name: string,
  org: OrganizationForMaterial,
  tlsNames: Readonly<Record<string, readonly string[]>> = {},
): OrgCryptoInput {
  const hostOf = (node: { name: string; host?: string }) => node.host ?? `${node.name}.${org.domain}`;
  return {
    name,
    domain: org.domain,
    peerHosts: (org.peers ?? []).map(hostOf),
    ordererHosts: (org.orderers ?? []).map(hostOf),
    tlsNames: Object.fromEntries(Object.entries(tlsNames).map(([host, names]) => [host, [...names]])),
  };
}

export async function generateNetworkMaterial(
  spec: { organizations: Readonly<Record<string, OrganizationForMaterial>> },
  baseDir: string,
  options: CryptoOptions = {},
): Promise<CryptoReport> {
  const report: CryptoReport = { written: [], kept: [], warnings: [], errors: [] };
  const now = options.now ?? new Date();
  const readme = `${CRYPTO_DIRECTORY}/README.md`;
  if (options.force || !existsSync(join(baseDir, readme))) {
    writePublicFileAtomic(join(baseDir, readme), DEMO_README);
    report.written.push(readme);
  }
  const gitignore = `${CRYPTO_DIRECTORY}/.gitignore`;
  if (options.force || !existsSync(join(baseDir, gitignore))) {
    writePublicFileAtomic(join(baseDir, gitignore), PRIVATE_KEYS_GITIGNORE);
    report.written.push(gitignore);
  }
  const widened = tightenPrivateKeys(join(baseDir, CRYPTO_DIRECTORY));
  if (widened.length > 0)
    report.warnings.push(
      `${widened.length} private key${widened.length === 1 ? ' was' : 's were'} readable by others (as a git clone ` +
        `checks files out); set back to 0600: ${widened.slice(0, 3).join(', ')}${widened.length > 3 ? ', …' : ''}`,
    );
  for (const [name, org] of Object.entries(spec.organizations)) {
    const expected = orgMspDirectory(name);
    if (org.msp.directory !== undefined && normalizeRelative(org.msp.directory) !== expected) {
      report.warnings.push(
        `organizations.${name}.msp.directory is '${org.msp.directory}', but the material is written to '${expected}'`,
      );
    }
    const input = orgCryptoInput(name, org, options.tlsNames?.[name]);
    const orgDir = orgDirectory(name);
    if (options.force || !existsSync(join(baseDir, orgDir))) {
      const tree = await createOrgMaterial(input, now);
      writeTreeAtomic(join(baseDir, orgDir), tree, true);
      report.written.push(...sortedPaths(tree).map((path) => `${orgDir}/${path}`));
      continue;
    }
    await extendOrgMaterial(input, baseDir, now, report);
  }
  return report;
}

/** An organization whose folder exists: keep it, and give identities added to the spec since then material. */
async function extendOrgMaterial(
  input: OrgCryptoInput,
  baseDir: string,
  now: Date,
  report: CryptoReport,
): Promise<void> {
  const orgDir = orgDirectory(input.name);
  const missing = identitiesOf(input).filter(
    (identity) => !existsSync(join(baseDir, orgDir, identityDirectory(identity.kind, identity.name))),
  );
  if (missing.length === 0) {
    report.kept.push(orgDir);
    return;
  }
  const authorities = await loadAuthorities(input, join(baseDir, orgDir));
  if (typeof authorities === 'string') {
    report.errors.push(`${orgDir}: ${authorities}; rerun with --force to regenerate this organization`);
    return;
  }
  for (const identity of missing) {
    const identityDir = `${orgDir}/${identityDirectory(identity.kind, identity.name)}`;
    const tree = await createIdentity(input, authorities, identity, now);
    writeTreeAtomic(join(baseDir, identityDir), tree, false);
    report.written.push(...sortedPaths(tree).map((path) => `${identityDir}/${path}`));
  }
  report.kept.push(`${orgDir} (existing identities)`);
}

/** The CA and TLS CA an earlier run wrote, or why they cannot sign more certificates. */
async function loadAuthorities(input: OrgCryptoInput, orgPath: string): Promise<OrgAuthorities | string> {
  const load = async (folder: string, certFile: string) => {
    const certPath = join(orgPath, folder, certFile);
    const keyPath = join(orgPath, folder, PRIVATE_KEY_FILE);
    if (!existsSync(certPath) || !existsSync(keyPath))
      return `${folder}/${certFile} or ${folder}/${PRIVATE_KEY_FILE} is missing`;
    try {
      const keyPem = readFileSync(keyPath, 'utf8');
      const certPem = readFileSync(certPath, 'utf8');
      // A key that does not belong to the certificate would sign leaves that chain to nothing.
      const match = keyMatchesCertificate(parsedCertificate(certPem), keyPem);
      if (match === 'unreadable') throw new Error('unreadable key');
      if (match === 'mismatch') {
        return `${folder}/${PRIVATE_KEY_FILE} is not the key of ${folder}/${certFile}`;
      }
      return certificateAuthorityFromPem(certPem, await privateKeyFromPem(keyPem));
    } catch {
      // The key text is deliberately not echoed.
      return `${folder}/ does not hold a readable P-256 certificate and key`;
    }
  };
  const ca = await load('ca', caCertFileName(input.domain));
  if (typeof ca === 'string') return ca;
  const tlsCa = await load('tlsca', tlsCaCertFileName(input.domain));
  if (typeof tlsCa === 'string') return tlsCa;
  return { ca, tlsCa };
}

function normalizeRelative(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '');
}
