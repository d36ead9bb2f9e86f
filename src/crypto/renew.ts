// `netspec crypto --renew <org>/<node>`: DEMO-ONLY renewed certificates for one orderer or peer, from its
// organization's development CAs: a TLS certificate and an enrollment certificate with the same subject and host
// names and a new validity, on the node's own keys or on new ones. They are written beside the old files, never
// over them: rotation is a reviewed spec edit (point the orderer's tlsCert and identityCert at the new files), and
// the node keeps serving with its old certificate until the plan's stage for it is applied and it restarts.
import { createPublicKey, type KeyObject, webcrypto } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateAuthorityFromPem, issueLeafCertificate } from './issue-certificate.js';
import {
  generateSigningKeyPair,
  privateKeyFromPem,
  privateKeyToPem,
  SIGNING_ALGORITHM,
  type SigningKey,
} from './key-pair.js';
import type { MaterialFile } from './material-tree.js';
import { caCertFileName, identityDirectory, PRIVATE_KEY_FILE, tlsCaCertFileName } from './msp-layout.js';

export interface RenewRequest {
  /** The organization's folder under crypto/ (its name in the spec) and its domain. */
  organization: string;
  domain: string;
  kind: 'orderer' | 'peer';
  host: string;
  /** Further DNS names of the TLS certificate: the node's address host and in-cluster Service names. */
  tlsNames?: string[];
  /** New key pairs instead of the node's current ones. */
  newKey: boolean;
  /** Validity from now, in days. */
  days: number;
  now?: Date;
}

export interface RenewResult {
  /** Paths relative to the spec folder. */
  files: MaterialFile[];
  tlsCert: string;
  identityCert: string;
}

/** Throws an Error with a message for people when the CA or the node's material is not where crypto put it. */
export async function renewNodeCertificates(specDir: string, request: RenewRequest): Promise<RenewResult> {
  const now = request.now ?? new Date();
  const notAfter = new Date(now.getTime() + request.days * 86_400_000);
  const orgDir = join('crypto', request.organization);
  const nodeDir = join(orgDir, identityDirectory(request.kind, request.host));
  const read = (path: string, what: string) => {
    const full = join(specDir, path);
    if (!existsSync(full)) throw new Error(`${full} does not exist: ${what} (made by netspec crypto)`);
    return readFileSync(full, 'utf8');
  };
  const authority = async (folder: 'ca' | 'tlsca', file: string) =>
    certificateAuthorityFromPem(
      read(join(orgDir, folder, file), `the ${folder === 'ca' ? '' : 'TLS '}CA certificate of ${request.organization}`),
      await privateKeyFromPem(read(join(orgDir, folder, PRIVATE_KEY_FILE), `the private key of that CA`)),
    );
  const ca = await authority('ca', caCertFileName(request.domain));
  const tlsCa = await authority('tlsca', tlsCaCertFileName(request.domain));
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const files: MaterialFile[] = [];

  const keyFor = async (keyPath: string, what: string, newKeyPath: string): Promise<SigningKey> => {
    if (!request.newKey) return publicKeyOf(createPublicKey(read(keyPath, what)));
    const keys = await generateSigningKeyPair();
    files.push({ path: newKeyPath, contents: privateKeyToPem(keys.privateKey), secret: true });
    return keys.publicKey;
  };
  const shortName = request.host.split('.')[0]!;
  const tlsCert = join(nodeDir, 'tls', `server-${stamp}.crt`);
  files.push({
    path: tlsCert,
    contents: await issueLeafCertificate(
      {
        commonName: request.host,
        organization: request.domain,
        purpose: 'tls',
        dnsNames: [...new Set([request.host, shortName, ...(request.tlsNames ?? [])])],
        publicKey: await keyFor(
          join(nodeDir, 'tls', 'server.key'),
          `the TLS key of ${request.host}`,
          join(nodeDir, 'tls', `server-${stamp}.key`),
        ),
        notAfter,
      },
      tlsCa,
      now,
    ),
    secret: false,
  });
  const identityCert = join(nodeDir, 'msp', 'signcerts', `${request.host}-cert-${stamp}.pem`);
  files.push({
    path: identityCert,
    contents: await issueLeafCertificate(
      {
        commonName: request.host,
        organization: request.domain,
        organizationalUnit: request.kind,
        purpose: 'identity',
        publicKey: await keyFor(
          join(nodeDir, 'msp', 'keystore', PRIVATE_KEY_FILE),
          `the signing key of ${request.host}`,
          // Fabric's file keystore finds a key by the certificate's public key when no file is named after it.
          join(nodeDir, 'msp', 'keystore', `${stamp}_sk`),
        ),
        notAfter,
      },
      ca,
      now,
    ),
    secret: false,
  });
  return { files, tlsCert, identityCert };
}

function publicKeyOf(key: KeyObject): Promise<SigningKey> {
  const spki = key.export({ type: 'spki', format: 'der' });
  return webcrypto.subtle.importKey('spki', spki, SIGNING_ALGORITHM, true, ['verify']);
}
