// One organization's MSP material, cryptogen-style: a signing CA and a TLS CA, the org MSP the channel config
// reads, an admin user, and every peer and orderer with its own MSP (NodeOU in the certificate) and TLS pair.
import { type CertificateAuthority, issueCaCertificate, issueLeafCertificate } from './issue-certificate.js';
import { generateSigningKeyPair, privateKeyToPem } from './key-pair.js';
import { emptyTree, type MaterialTree, mergeTree } from './material-tree.js';
import {
  adminUserName,
  caCertFileName,
  type IdentityKind,
  identityDirectory,
  type NodeOU,
  PRIVATE_KEY_FILE,
  tlsCaCertFileName,
} from './msp-layout.js';
import { nodeOUsConfigYaml } from './node-ous-config.js';

export interface OrgCryptoInput {
  /** The organization's key in the spec (its folder name). */
  name: string;
  domain: string;
  peerHosts: string[];
  ordererHosts: string[];
  /**
   * Further DNS names a node's TLS certificate lists, by node host: the host of the address other organizations
   * dial and the names of the Service pods in the cluster dial (model/node-address.ts).
   */
  tlsNames?: Record<string, string[]>;
}

export interface OrgAuthorities {
  ca: CertificateAuthority;
  tlsCa: CertificateAuthority;
}

export interface IdentityRef {
  kind: IdentityKind;
  name: string;
}

/** The identities an organization needs: its admin, then peers and orderers in spec order. */
export function identitiesOf(input: OrgCryptoInput): IdentityRef[] {
  return [
    { kind: 'user', name: adminUserName(input.domain) },
    ...input.peerHosts.map((name) => ({ kind: 'peer' as const, name })),
    ...input.ordererHosts.map((name) => ({ kind: 'orderer' as const, name })),
  ];
}

/** Everything for a new organization, paths relative to `crypto/<org>/`. */
export async function createOrgMaterial(input: OrgCryptoInput, now = new Date()): Promise<MaterialTree> {
  const { authorities, tree } = await createAuthorities(input, now);
  for (const identity of identitiesOf(input)) {
    const identityTree = await createIdentity(input, authorities, identity, now);
    mergeTree(tree, identityDirectory(identity.kind, identity.name), identityTree);
  }
  return tree;
}

/** `ca/`, `tlsca/` and the organization MSP `msp/` (no private keys in `msp/`: it is what channels publish). */
export async function createAuthorities(
  input: OrgCryptoInput,
  now = new Date(),
): Promise<{ authorities: OrgAuthorities; tree: MaterialTree }> {
  const caKeys = await generateSigningKeyPair();
  const tlsKeys = await generateSigningKeyPair();
  const ca = await issueCaCertificate(`ca.${input.domain}`, input.domain, caKeys, now);
  const tlsCa = await issueCaCertificate(`tlsca.${input.domain}`, input.domain, tlsKeys, now);
  const caFile = caCertFileName(input.domain);
  const tlsCaFile = tlsCaCertFileName(input.domain);
  const tree = emptyTree();
  tree.files.push(
    { path: `ca/${caFile}`, contents: ca.pem, secret: false },
    { path: `ca/${PRIVATE_KEY_FILE}`, contents: privateKeyToPem(caKeys.privateKey), secret: true },
    { path: `tlsca/${tlsCaFile}`, contents: tlsCa.pem, secret: false },
    { path: `tlsca/${PRIVATE_KEY_FILE}`, contents: privateKeyToPem(tlsKeys.privateKey), secret: true },
    { path: `msp/cacerts/${caFile}`, contents: ca.pem, secret: false },
    { path: `msp/tlscacerts/${tlsCaFile}`, contents: tlsCa.pem, secret: false },
    { path: 'msp/config.yaml', contents: nodeOUsConfigYaml(caFile), secret: false },
  );
  // With NodeOUs on, admins are recognised by OU; Fabric still expects the folder to exist.
  tree.directories.push('msp/admincerts');
  return { authorities: { ca, tlsCa }, tree };
}

/** One identity's `msp/` and `tls/`, paths relative to its own folder (`peers/<host>/` etc.). */
export async function createIdentity(
  input: OrgCryptoInput,
  authorities: OrgAuthorities,
  identity: IdentityRef,
  now = new Date(),
): Promise<MaterialTree> {
  const caFile = caCertFileName(input.domain);
  const tlsCaFile = tlsCaCertFileName(input.domain);
  const signKeys = await generateSigningKeyPair();
  const signCert = await issueLeafCertificate(
    {
      commonName: identity.name,
      organization: input.domain,
      organizationalUnit: nodeOUOf(identity.kind),
      purpose: 'identity',
      publicKey: signKeys.publicKey,
    },
    authorities.ca,
    now,
  );
  const tlsKeys = await generateSigningKeyPair();
  const isNode = identity.kind !== 'user';
  const tlsCert = await issueLeafCertificate(
    {
      commonName: identity.name,
      organization: input.domain,
      purpose: 'tls',
      publicKey: tlsKeys.publicKey,
      // Nodes are dialled by host name, by their address and by Service name inside the cluster: a client checks
      // the name it dialled (or its ssl-target-name-override) against these. A user's TLS cert is client-only.
      ...(isNode ? { dnsNames: dnsNamesOf(identity.name, input.tlsNames?.[identity.name] ?? []) } : {}),
    },
    authorities.tlsCa,
    now,
  );
  const tlsName = isNode ? 'server' : 'client';
  const tree = emptyTree();
  tree.files.push(
    { path: `msp/cacerts/${caFile}`, contents: authorities.ca.pem, secret: false },
    { path: 'msp/config.yaml', contents: nodeOUsConfigYaml(caFile), secret: false },
    { path: `msp/keystore/${PRIVATE_KEY_FILE}`, contents: privateKeyToPem(signKeys.privateKey), secret: true },
    { path: `msp/signcerts/${identity.name}-cert.pem`, contents: signCert, secret: false },
    { path: `msp/tlscacerts/${tlsCaFile}`, contents: authorities.tlsCa.pem, secret: false },
    { path: 'tls/ca.crt', contents: authorities.tlsCa.pem, secret: false },
    { path: `tls/${tlsName}.crt`, contents: tlsCert, secret: false },
    { path: `tls/${tlsName}.key`, contents: privateKeyToPem(tlsKeys.privateKey), secret: true },
  );
  return tree;
}

function nodeOUOf(kind: IdentityKind): NodeOU {
  return kind === 'user' ? 'admin' : kind;
}

function dnsNamesOf(host: string, more: readonly string[]): string[] {
  const shortName = host.split('.')[0]!;
  return [...new Set([host, shortName, ...more])];
}
