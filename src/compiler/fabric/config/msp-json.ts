// An organization's MSP material -> the configtxlator JSON of its MSP ConfigValue (msp.MSPConfig holding a
// FabricMSPConfig), read the way Fabric's msp.GetVerifyingMspConfig reads an MSP folder: every file of each
// sub-folder in name order, whole file bytes (PEM), and config.yaml for OU identifiers and NodeOUs.
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type MspConfigOuIdentifier, readMspConfigYaml } from '../../../crypto/node-ous-config.js';
import type { MspModel } from '../../model/network-model.js';

const FABRIC_MSP_TYPE = 0;

export function mspValueJson(mspId: string, msp: MspModel): object {
  // One listing of the MSP folder says which sub-folders exist: most MSPs have few of the seven, and a folder
  // looked for and missing costs an exception each (a thousand of them for a consortium of 200 organizations).
  const present = msp.directory ? mspFolderEntries(msp.directory) : new Map<string, Dirent>();
  const fromDir = (folder: string) =>
    msp.directory && isFolder(msp.directory, present.get(folder)) ? readFolder(join(msp.directory, folder)) : [];
  const files = (paths: string[]) => paths.map(readBase64);
  const rootCerts = [...fromDir('cacerts'), ...files(msp.caCerts)];
  if (rootCerts.length === 0) throw new Error(`MSP ${mspId} has no CA certificate`);
  const folderConfig =
    msp.directory && isFile(msp.directory, present.get('config.yaml')) ? mspFolderConfig(msp.directory) : undefined;
  const ouIdentifiers = [
    ...(folderConfig?.ouIdentifiers ?? []),
    ...msp.organizationalUnitIdentifiers.map((ou) => ({
      certificate: readBase64(ou.certificate),
      organizational_unit_identifier: ou.identifier,
    })),
  ];
  return {
    config: {
      admins: [...fromDir('admincerts'), ...files(msp.adminCerts)],
      crypto_config: { identity_identifier_hash_function: 'SHA256', signature_hash_family: 'SHA2' },
      fabric_node_ous: msp.nodeOUs ? nodeOUsFromModel(msp.nodeOUs, rootCerts[0]!) : (folderConfig?.nodeOUs ?? null),
      intermediate_certs: [...fromDir('intermediatecerts'), ...files(msp.intermediateCerts)],
      name: mspId,
      organizational_unit_identifiers: ouIdentifiers,
      revocation_list: fromDir('crls'),
      root_certs: rootCerts,
      signing_identity: null,
      tls_intermediate_certs: [...fromDir('tlsintermediatecerts'), ...files(msp.tlsIntermediateCerts)],
      tls_root_certs: [...fromDir('tlscacerts'), ...files(msp.tlsCaCerts)],
    },
    type: FABRIC_MSP_TYPE,
  };
}

function readBase64(path: string): string {
  return readFileSync(path).toString('base64');
}

/** The MSP folder's entries by name; none when the folder does not exist. */
function mspFolderEntries(dir: string): Map<string, Dirent> {
  try {
    return new Map(readdirSync(dir, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

function readFolder(dir: string): string[] {
  // One directory read tells the files apart: a large consortium reads several folders per organization.
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => isFile(dir, entry))
    .map((entry) => entry.name)
    .sort()
    .map((name) => readBase64(join(dir, name)));
}

/** A file, or a symbolic link to one (as Fabric's MSP folders often hold). */
function isFile(dir: string, entry: Dirent | undefined): boolean {
  if (!entry) return false;
  if (entry.isFile()) return true;
  return entry.isSymbolicLink() && statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isFile() === true;
}

/** A folder, or a symbolic link to one. */
function isFolder(dir: string, entry: Dirent | undefined): boolean {
  if (!entry) return false;
  if (entry.isDirectory()) return true;
  return entry.isSymbolicLink() && statSync(join(dir, entry.name), { throwIfNoEntry: false })?.isDirectory() === true;
}

interface OuIdentifierJson {
  certificate: string;
  organizational_unit_identifier: string;
}

interface MspFolderConfig {
  ouIdentifiers: OuIdentifierJson[];
  nodeOUs: object | null;
}

/** config.yaml as Fabric's MSP reads it; certificate paths are relative to the MSP folder. */
function mspFolderConfig(dir: string): MspFolderConfig {
  const file = join(dir, 'config.yaml');
  const config = readMspConfigYaml(readFileSync(file, 'utf8'));
  // The NodeOUs name one CA certificate four times over: read each file once.
  const certificates = new Map<string, string>();
  const certificate = (path: string) => {
    const full = resolve(dir, path);
    let base64 = certificates.get(full);
    if (base64 === undefined) {
      base64 = readBase64(full);
      certificates.set(full, base64);
    }
    return base64;
  };
  const identifier = (entry: MspConfigOuIdentifier | undefined) => ({
    certificate: entry?.Certificate ? certificate(entry.Certificate) : '',
    organizational_unit_identifier: entry?.OrganizationalUnitIdentifier ?? '',
  });
  const ous = config.NodeOUs;
  const nodeOUs =
    ous && ous.Enable === true
      ? {
          admin_ou_identifier: ous.AdminOUIdentifier ? identifier(ous.AdminOUIdentifier) : null,
          client_ou_identifier: ous.ClientOUIdentifier ? identifier(ous.ClientOUIdentifier) : null,
          enable: true,
          orderer_ou_identifier: ous.OrdererOUIdentifier ? identifier(ous.OrdererOUIdentifier) : null,
          peer_ou_identifier: ous.PeerOUIdentifier ? identifier(ous.PeerOUIdentifier) : null,
        }
      : null;
  return { ouIdentifiers: (config.OrganizationalUnitIdentifiers ?? []).map(identifier), nodeOUs };
}

/** NodeOUs given in the spec: like cryptogen's config.yaml, each OU is bound to the org's (first) CA. */
function nodeOUsFromModel(nodeOUs: NonNullable<MspModel['nodeOUs']>, caCert: string): object | null {
  if (!nodeOUs.enabled) return null;
  const identifier = (ou: string) => ({ certificate: caCert, organizational_unit_identifier: ou });
  return {
    admin_ou_identifier: identifier(nodeOUs.adminOU),
    client_ou_identifier: identifier(nodeOUs.clientOU),
    enable: true,
    orderer_ou_identifier: identifier(nodeOUs.ordererOU),
    peer_ou_identifier: identifier(nodeOUs.peerOU),
  };
}
