// The Secrets an organization must create from its own key store before its pods start: names and keys,
// never values. Derived from the same names the manifests mount (secret-names.ts).

import { identityDirectory, orgDirectory } from '../../crypto/msp-layout.js';
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import { caSigningFiles, caTlsFiles, type MountedFile, NODE_TLS_FILES, nodeMspFiles } from './node-msp.js';
import { organizationScope } from './organization-scope.js';
import { ownedQuorumNodes } from './quorum-views.js';
import { SECRET_NAMES } from './secret-names.js';

export interface RequiredSecret {
  name: string;
  namespace: string;
  type: 'Opaque' | 'kubernetes.io/tls' | 'kubernetes.io/dockerconfigjson';
  /** What the Secret is for: the workload that mounts it. */
  usedBy: string;
  /**
   * The folder `netspec crypto` keeps this Secret's files in, relative to the network.yaml (a node's
   * `crypto/<org>/peers/<host>`); absent for values that come from the org's own store (passwords, Quorum keys).
   */
  folder?: string;
  /** `source`: the key's file, relative to `folder` (absent: the org supplies it, see the description). */
  keys: { key: string; description: string; source?: string }[];
}

export interface RequiredConfigMap {
  name: string;
  namespace: string;
  usedBy: string;
  keys: { key: string; description: string }[];
}

const keysOf = (files: readonly MountedFile[]) =>
  files.map(({ key, description, source }) => ({ key, description, ...(source ? { source } : {}) }));

export function requiredSecrets(model: NetworkModel, org: OrganizationModel): RequiredSecret[] {
  const namespace = org.kubernetes.namespace;
  const secrets: RequiredSecret[] = [];
  const ca = org.ca;
  if (!ca.omitted)
    secrets.push(
      {
        name: SECRET_NAMES.caSigning(ca.name),
        namespace,
        type: 'Opaque',
        usedBy: `StatefulSet/${ca.name}`,
        folder: orgDirectory(org.name),
        keys: keysOf(caSigningFiles(org)),
      },
      {
        name: SECRET_NAMES.caTls(ca.name),
        namespace,
        type: 'kubernetes.io/tls',
        usedBy: `StatefulSet/${ca.name}`,
        keys: keysOf(caTlsFiles(ca)),
      },
      {
        name: SECRET_NAMES.caBootstrap(ca.name),
        namespace,
        type: 'Opaque',
        usedBy: `StatefulSet/${ca.name}`,
        keys: [
          { key: 'username', description: 'the CA’s bootstrap registrar name' },
          { key: 'password', description: 'the CA’s bootstrap registrar password' },
        ],
      },
    );
  const nodes = [
    ...org.peers.map((node) => ({ node, kind: 'peer' as const })),
    ...org.orderers.map((node) => ({ node, kind: 'orderer' as const })),
  ];
  for (const { node, kind } of nodes) {
    const usedBy = `StatefulSet/${node.name}`;
    const folder = `${orgDirectory(org.name)}/${identityDirectory(kind, node.host)}`;
    secrets.push(
      {
        name: SECRET_NAMES.nodeMsp(node.name),
        namespace,
        type: 'Opaque',
        usedBy,
        folder,
        keys: keysOf(nodeMspFiles(org, node.host)),
      },
      {
        name: SECRET_NAMES.nodeTls(node.name),
        namespace,
        type: 'kubernetes.io/tls',
        usedBy,
        folder,
        keys: keysOf(NODE_TLS_FILES),
      },
    );
    if ('stateDatabase' in node && node.stateDatabase === 'couchdb')
      secrets.push({
        name: SECRET_NAMES.couchdb(node.name),
        namespace,
        type: 'Opaque',
        usedBy,
        keys: [
          { key: 'username', description: 'CouchDB admin user' },
          { key: 'password', description: 'CouchDB admin password' },
        ],
      });
  }
  for (const name of org.kubernetes.images.pullSecrets)
    secrets.push({
      name,
      namespace,
      type: 'kubernetes.io/dockerconfigjson',
      usedBy: 'the pods’ imagePullSecrets',
      keys: [{ key: '.dockerconfigjson', description: 'registry credentials (docker config JSON)' }],
    });
  for (const { name, network } of ownedQuorumNodes(organizationScope(model, org))) {
    secrets.push({
      name: SECRET_NAMES.quorumNodeKey(name),
      namespace,
      type: 'Opaque',
      usedBy: `StatefulSet/${name}`,
      keys: [{ key: 'nodekey', description: 'the node’s secp256k1 private key, hex without 0x' }],
    });
    if (network.privacy)
      secrets.push({
        name: SECRET_NAMES.tesseraKeys(name),
        namespace,
        type: 'Opaque',
        usedBy: `StatefulSet/${name}-tessera`,
        keys: [
          { key: 'tm.key', description: 'Tessera private key file' },
          { key: 'tm.pub', description: 'Tessera public key' },
        ],
      });
  }
  return secrets;
}

/**
 * ConfigMaps the pods mount that other steps write (not secret, but the org must have them in place). None today:
 * the Quorum genesis and node lists are emitted with the manifests.
 */
export function externalConfigMaps(_model: NetworkModel, _org: OrganizationModel): RequiredConfigMap[] {
  return [];
}
