// The Secrets an organization must create from its own key store before its pods start: names and keys,
// never values. Derived from the same names the manifests mount (secret-names.ts).
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import { organizationScope, usesNodeOUs } from './organization-scope.js';
import { ownedQuorumNodes } from './quorum-views.js';
import { mspItems, SECRET_NAMES } from './secret-names.js';

export interface RequiredSecret {
  name: string;
  namespace: string;
  type: 'Opaque' | 'kubernetes.io/tls';
  /** What the Secret is for: the workload that mounts it. */
  usedBy: string;
  keys: { key: string; description: string }[];
}

export interface RequiredConfigMap {
  name: string;
  namespace: string;
  usedBy: string;
  keys: { key: string; description: string }[];
}

const TLS_KEYS = [
  { key: 'tls.crt', description: 'TLS server certificate (PEM)' },
  { key: 'tls.key', description: 'TLS private key (PEM)' },
  { key: 'ca.crt', description: 'TLS CA certificate(s) the node trusts (PEM)' },
];

const MSP_DESCRIPTIONS: Record<string, string> = {
  'signcert.pem': 'the node’s signing certificate (PEM)',
  'key.pem': 'the node’s signing private key (PEM)',
  'cacert.pem': 'the org’s CA certificate (PEM)',
  'tlscacert.pem': 'the org’s TLS CA certificate (PEM)',
  'config.yaml': 'the MSP config.yaml enabling NodeOUs',
};

export function requiredSecrets(model: NetworkModel, org: OrganizationModel): RequiredSecret[] {
  const namespace = org.kubernetes.namespace;
  const secrets: RequiredSecret[] = [];
  const ca = org.ca.name;
  secrets.push(
    {
      name: SECRET_NAMES.caSigning(ca),
      namespace,
      type: 'Opaque',
      usedBy: `StatefulSet/${ca}`,
      keys: [
        { key: 'cert.pem', description: 'the CA’s certificate (PEM)' },
        { key: 'key.pem', description: 'the CA’s signing private key (PEM)' },
      ],
    },
    {
      name: SECRET_NAMES.caTls(ca),
      namespace,
      type: 'kubernetes.io/tls',
      usedBy: `StatefulSet/${ca}`,
      keys: TLS_KEYS.slice(0, 2),
    },
    {
      name: SECRET_NAMES.caBootstrap(ca),
      namespace,
      type: 'Opaque',
      usedBy: `StatefulSet/${ca}`,
      keys: [
        { key: 'username', description: 'the CA’s bootstrap registrar name' },
        { key: 'password', description: 'the CA’s bootstrap registrar password' },
      ],
    },
  );
  const msp = mspItems(usesNodeOUs(org)).map(({ key }) => ({ key, description: MSP_DESCRIPTIONS[key] ?? key }));
  for (const node of [...org.peers, ...org.orderers]) {
    const usedBy = `StatefulSet/${node.name}`;
    secrets.push(
      { name: SECRET_NAMES.nodeMsp(node.name), namespace, type: 'Opaque', usedBy, keys: msp },
      { name: SECRET_NAMES.nodeTls(node.name), namespace, type: 'kubernetes.io/tls', usedBy, keys: TLS_KEYS },
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
