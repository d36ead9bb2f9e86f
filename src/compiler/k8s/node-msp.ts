// A Fabric node's local MSP and TLS folders as its pod sees them, and where `netspec crypto` keeps each file.
// Fabric reads an MSP as a tree (msp/mspimpl.go, msp/configbuilder.go: cacerts/, intermediatecerts/, admincerts/,
// signcerts/, keystore/, tlscacerts/, tlsintermediatecerts/, crls/ and config.yaml), and config.yaml names its
// NodeOU certificates by path (`cacerts/ca.<domain>-cert.pem` as cryptogen and `netspec crypto` write it). A
// Secret is flat, so each file is one key, mounted back at the very path Fabric and config.yaml expect: the trust
// folders keep the org MSP's own file names, the node's own pair keeps cryptogen's names.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CaModel, OrganizationModel } from '../model/network-model.js';

export interface MountedFile {
  /** The Secret key (a Secret key may not hold '/'). */
  key: string;
  /** Where it appears under the mount, as Fabric reads it. */
  path: string;
  /** Where `netspec crypto` writes it, relative to the node's own folder (`crypto/<org>/peers/<host>/`). */
  source: string;
  description: string;
}

/** The folders of an MSP that hold trust material copied from the org's MSP, in Fabric's reading order. */
const TRUST_FOLDERS = ['cacerts', 'intermediatecerts', 'tlscacerts', 'tlsintermediatecerts', 'crls'] as const;
type TrustFolder = (typeof TRUST_FOLDERS)[number] | 'admincerts';

const TRUST_DESCRIPTIONS: Record<TrustFolder, string> = {
  cacerts: 'the org’s CA certificate (PEM)',
  intermediatecerts: 'an intermediate CA certificate of the org (PEM)',
  tlscacerts: 'the org’s TLS CA certificate (PEM)',
  tlsintermediatecerts: 'an intermediate TLS CA certificate of the org (PEM)',
  crls: 'a certificate revocation list of the org’s CA (PEM)',
  admincerts: 'an admin certificate (PEM; NodeOUs are off)',
};

/** The mount point of the TLS Secret; the env vars name files under it. */
export const NODE_TLS_FILES: readonly MountedFile[] = [
  { key: 'tls.crt', path: 'tls.crt', source: 'tls/server.crt', description: 'TLS server certificate (PEM)' },
  { key: 'tls.key', path: 'tls.key', source: 'tls/server.key', description: 'TLS private key (PEM)' },
  { key: 'ca.crt', path: 'ca.crt', source: 'tls/ca.crt', description: 'the org’s TLS CA certificate (PEM)' },
];

/** cryptogen's and `netspec crypto`'s private key file name. */
const PRIVATE_KEY_FILE = 'priv_sk';

/**
 * The node MSP's files. The trust folders list what the org's MSP folder holds (its `msp.directory`, else the
 * spec's certificate lists, else what `netspec crypto` would write); config.yaml is there when the org's MSP
 * has one (a directory) or NodeOUs are on (explicit lists).
 */
export function nodeMspFiles(org: OrganizationModel, host: string): MountedFile[] {
  const files: MountedFile[] = [];
  const trust = (folder: TrustFolder, names: readonly string[]) => {
    for (const name of names)
      files.push({
        key: name,
        path: `${folder}/${name}`,
        source: `msp/${folder}/${name}`,
        description: TRUST_DESCRIPTIONS[folder],
      });
  };
  const directory = org.msp.directory;
  const nodeOUs = directory ? existsSync(join(directory, 'config.yaml')) : (org.msp.nodeOUs?.enabled ?? true);
  if (nodeOUs)
    files.push({
      key: 'config.yaml',
      path: 'config.yaml',
      source: 'msp/config.yaml',
      description: 'the MSP config.yaml (NodeOUs), naming cacerts/ by path',
    });
  const listed: Record<TrustFolder, string[]> = directory
    ? {
        cacerts: filesOf(directory, 'cacerts'),
        intermediatecerts: filesOf(directory, 'intermediatecerts'),
        tlscacerts: filesOf(directory, 'tlscacerts'),
        tlsintermediatecerts: filesOf(directory, 'tlsintermediatecerts'),
        crls: filesOf(directory, 'crls'),
        admincerts: filesOf(directory, 'admincerts'),
      }
    : {
        cacerts: org.msp.caCerts.map((path) => basename(path)),
        intermediatecerts: org.msp.intermediateCerts.map((path) => basename(path)),
        tlscacerts: org.msp.tlsCaCerts.map((path) => basename(path)),
        tlsintermediatecerts: org.msp.tlsIntermediateCerts.map((path) => basename(path)),
        crls: [],
        admincerts: org.msp.adminCerts.map((path) => basename(path)),
      };
  // An org whose MSP folder is not there yet (before `netspec crypto`): the names `netspec crypto` will write.
  if (listed.cacerts.length === 0) listed.cacerts = [`ca.${org.domain}-cert.pem`];
  if (listed.tlscacerts.length === 0) listed.tlscacerts = [`tlsca.${org.domain}-cert.pem`];
  for (const folder of TRUST_FOLDERS) trust(folder, listed[folder]);
  if (!nodeOUs) trust('admincerts', listed.admincerts);
  files.push(
    {
      key: `${host}-cert.pem`,
      path: `signcerts/${host}-cert.pem`,
      source: `msp/signcerts/${host}-cert.pem`,
      description: 'the node’s signing certificate (PEM)',
    },
    {
      key: PRIVATE_KEY_FILE,
      path: `keystore/${PRIVATE_KEY_FILE}`,
      source: `msp/keystore/${PRIVATE_KEY_FILE}`,
      description: 'the node’s signing private key (PEM)',
    },
  );
  return uniqueKeys(files);
}

/** The CA's signing pair as `netspec crypto` writes it (`crypto/<org>/ca/`), mounted as fabric-ca reads it. */
export function caSigningFiles(org: OrganizationModel): MountedFile[] {
  return [
    {
      key: 'cert.pem',
      path: 'cert.pem',
      source: `ca/ca.${org.domain}-cert.pem`,
      description: 'the CA’s certificate (PEM)',
    },
    {
      key: 'key.pem',
      path: 'key.pem',
      source: `ca/${PRIVATE_KEY_FILE}`,
      description: 'the CA’s signing private key (PEM)',
    },
  ];
}

/** The CA server's TLS pair: not made by `netspec crypto` (it is issued by the org's TLS CA for the CA's host). */
export function caTlsFiles(ca: CaModel): MountedFile[] {
  return [
    { key: 'tls.crt', path: 'tls.crt', source: '', description: `TLS certificate of ${ca.host} (PEM)` },
    { key: 'tls.key', path: 'tls.key', source: '', description: 'TLS private key (PEM)' },
  ];
}

/** Regular files of an MSP subfolder, sorted; none when it is absent. */
function filesOf(directory: string, folder: string): string[] {
  const path = join(directory, folder);
  if (!existsSync(path) || !statSync(path).isDirectory()) return [];
  return readdirSync(path)
    .filter((name) => !name.startsWith('.') && statSync(join(path, name)).isFile())
    .sort();
}

/**
 * Secret keys are file names, which two folders may share (an org's `cacerts/ca.pem` and `tlscacerts/ca.pem`):
 * the later one is then keyed by its folder too. Characters a Secret key may not hold become '-'.
 */
function uniqueKeys(files: MountedFile[]): MountedFile[] {
  const seen = new Set<string>();
  return files.map((file) => {
    let key = file.key.replace(/[^-._a-zA-Z0-9]/g, '-');
    if (seen.has(key)) key = `${file.path.split('/')[0]}-${key}`;
    seen.add(key);
    return { ...file, key };
  });
}
