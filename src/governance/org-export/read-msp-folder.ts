// A Fabric MSP folder as a joining org hands it over: only what an organization definition carries (what
// `configtxgen -printOrg` reads) — CA and TLS CA roots and intermediates, admincerts, NodeOU config.yaml.
// keystore/ and signcerts/ belong to one identity, not to the org: skipped, and said so. A private key found
// anywhere else is refused, never copied (and never printed).
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, fileRange } from '../../compiler/diagnostics/index.js';

/** The folders of an organization definition, in Fabric's names. */
export const MSP_CERT_FOLDERS = [
  'cacerts',
  'intermediatecerts',
  'tlscacerts',
  'tlsintermediatecerts',
  'admincerts',
] as const;
export type MspCertFolder = (typeof MSP_CERT_FOLDERS)[number];

/** Identity material, not org material: skipped with a notice. */
const IDENTITY_FOLDERS = ['keystore', 'signcerts', 'user'];
const MAX_FILE_BYTES = 256 * 1024;

export interface MspFolderContents {
  /** MSP-relative POSIX path -> bytes, for every file exported. */
  files: Map<string, Uint8Array>;
  certificates: Record<MspCertFolder, { path: string; pem: string }[]>;
  configYaml?: string;
  notices: string[];
}

export function readMspFolder(dir: string): { contents: MspFolderContents; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const contents: MspFolderContents = {
    files: new Map(),
    certificates: { cacerts: [], intermediatecerts: [], tlscacerts: [], tlsintermediatecerts: [], admincerts: [] },
    notices: [],
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    diagnostics.push(error('NS_MSP_INCOMPLETE', dir, `${dir} is not an MSP folder`));
    return { contents, diagnostics };
  }
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (IDENTITY_FOLDERS.includes(entry)) {
      contents.notices.push(
        `skipped ${entry}/: identity material (${entry === 'keystore' ? 'private keys' : 'one identity'}), not part of an organization definition`,
      );
      continue;
    }
    if (lstatSync(path).isSymbolicLink()) {
      contents.notices.push(`skipped ${entry}: symbolic links are not followed`);
      continue;
    }
    if (entry === 'config.yaml') {
      const text = readSmallText(path, entry, diagnostics);
      if (text !== undefined) {
        contents.configYaml = text;
        contents.files.set(entry, Buffer.from(text));
      }
      continue;
    }
    const folder = MSP_CERT_FOLDERS.find((name) => name === entry);
    if (!folder || !statSync(path).isDirectory()) {
      contents.notices.push(`skipped ${entry}: not part of an organization definition`);
      continue;
    }
    for (const name of readdirSync(path).sort()) {
      const relative = `${folder}/${name}`;
      const file = join(path, name);
      if (lstatSync(file).isSymbolicLink() || !statSync(file).isFile()) {
        contents.notices.push(`skipped ${relative}: not a regular file`);
        continue;
      }
      const text = readSmallText(file, relative, diagnostics);
      if (text === undefined) continue;
      contents.certificates[folder].push({ path: relative, pem: text });
      contents.files.set(relative, Buffer.from(text));
    }
  }
  return { contents, diagnostics };
}

/** Reads a small text file; a private key is reported (by path only) and not returned. */
function readSmallText(file: string, relative: string, diagnostics: Diagnostic[]): string | undefined {
  if (statSync(file).size > MAX_FILE_BYTES) {
    diagnostics.push(error('NS_CERT_INVALID', file, `${relative} is too large for a certificate or config.yaml`));
    return undefined;
  }
  const text = readFileSync(file, 'utf8');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    diagnostics.push(
      error(
        'NS_MSP_PRIVATE_KEY',
        file,
        `${relative} holds a private key: it is not exported`,
        'a private key never leaves its owner; remove it from the MSP folder',
      ),
    );
    return undefined;
  }
  return text;
}

function error(code: Diagnostic['code'], file: string, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint ? { hint } : {}), ranges: [fileRange(file)] };
}
