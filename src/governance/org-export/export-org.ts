// `netspec org export`: what a joining organization proposes in its pull request (as `configtxgen -printOrg`
// gives Fabric admins): organization.yaml plus its MSP certificates under msp/. Returns the files; the CLI writes
// them atomically. Nothing secret is ever part of the result.
import { type Diagnostic, fileRange, hasErrors, type StageResult } from '../../compiler/diagnostics/index.js';
import { parsedCertificate } from '../../crypto/parsed-certificates.js';
import { checkMspFolder } from './check-msp-folder.js';
import { renderOrgStanza } from './org-stanza.js';
import { readMspFolder } from './read-msp-folder.js';

export interface OrgExportInput {
  mspDir: string;
  mspId: string;
  name?: string;
  domain?: string;
}

export interface OrgExport {
  name: string;
  /** Output-relative path -> bytes. */
  files: Map<string, Uint8Array>;
  notices: string[];
}

export const STANZA_FILE = 'organization.yaml';
export const MSP_FOLDER = 'msp';

export function exportOrganization(input: OrgExportInput): StageResult<OrgExport> {
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string) =>
    diagnostics.push({ code: 'NS_MSP_INCOMPLETE', severity: 'error', message, ranges: [fileRange(input.mspDir)] });
  if (!/^[A-Za-z0-9.-]+$/.test(input.mspId)) fail(`'${input.mspId}' is not an MSP id (letters, digits, '.', '-')`);
  const read = readMspFolder(input.mspDir);
  diagnostics.push(...read.diagnostics);
  if (read.diagnostics.length === 0) diagnostics.push(...checkMspFolder(input.mspDir, read.contents));
  const name = input.name ?? input.mspId.replace(/MSP$/i, '').toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    fail(`'${name}' is not an organization name (lower case, digits, '-'); pass --name`);
  const domain = input.domain ?? domainFromCa(read.contents.certificates.cacerts[0]?.pem);
  if (!domain) fail('no --domain given and the CA certificate does not name one (CN=ca.<domain>)');
  if (hasErrors(diagnostics) || !domain) return { value: undefined, diagnostics };
  const files = new Map<string, Uint8Array>();
  files.set(STANZA_FILE, Buffer.from(renderOrgStanza({ name, mspId: input.mspId, domain, mspDirectory: MSP_FOLDER })));
  for (const [path, bytes] of read.contents.files) files.set(`${MSP_FOLDER}/${path}`, bytes);
  return { value: { name, files, notices: read.contents.notices }, diagnostics };
}

/** cryptogen and fabric-ca name the root `ca.<domain>`: the org's domain, when nothing else says. */
function domainFromCa(pem: string | undefined): string | undefined {
  if (!pem) return undefined;
  try {
    const match = /CN=ca\.([A-Za-z0-9.-]+)/.exec(parsedCertificate(pem).subject);
    return match?.[1];
  } catch {
    return undefined;
  }
}
