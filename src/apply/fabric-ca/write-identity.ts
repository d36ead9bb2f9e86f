// Where enrolled identities go: only under the folder the operator names, as a Fabric MSP folder the SDKs and
// the peer CLI read (signcerts/cert.pem, keystore/priv_sk, cacerts/ca.pem). The key is created 0600 and each
// file is written through a temporary sibling and a rename. A folder inside a git working tree is refused:
// a private key must never be one `git add` away from a repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { atomicWriteFile } from '../../atomic-write.js';

export interface IdentityFiles {
  certificatePem: string;
  privateKeyPem: string;
  caChainPem: string;
}

/** The git working tree `folder` lies in (the folder holding `.git`), if any. */
export function enclosingGitWorkTree(folder: string): string | undefined {
  let current = resolve(folder);
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** `<out>/<org>/<user>/msp`: one MSP folder per enrolled user. */
export function identityFolder(out: string, organization: string, user: string): string {
  return join(resolve(out), organization, user, 'msp');
}

/** What an MSP folder written by writeIdentity holds now; a missing or unreadable file is left undefined. */
export function readStoredIdentity(folder: string): { path: string; certificatePem?: string; privateKeyPem?: string } {
  const read = (file: string) => {
    try {
      return readFileSync(join(folder, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  const certificatePem = read(join('signcerts', 'cert.pem'));
  const privateKeyPem = read(join('keystore', 'priv_sk'));
  return { path: folder, ...(certificatePem ? { certificatePem } : {}), ...(privateKeyPem ? { privateKeyPem } : {}) };
}

export function writeIdentity(folder: string, files: IdentityFiles): void {
  // Folders 0700: an enrolled identity's folder holds its key.
  const write = (file: string, text: string, mode: number) => atomicWriteFile(file, text, { mode, folderMode: 0o700 });
  write(join(folder, 'signcerts', 'cert.pem'), files.certificatePem, 0o644);
  write(join(folder, 'keystore', 'priv_sk'), files.privateKeyPem, 0o600);
  if (files.caChainPem) write(join(folder, 'cacerts', 'ca.pem'), files.caChainPem, 0o644);
}
