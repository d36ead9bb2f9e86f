// Where everything lives inside `crypto/<org>/`: the same names Fabric's cryptogen uses, so Fabric tooling,
// docs and muscle memory apply. Paths are POSIX and relative to the organization folder; nothing here is random.

/** The root of all generated material, relative to the network.yaml. */
export const CRYPTO_DIRECTORY = 'crypto';
/** cryptogen (Fabric 2.x) names every private key file this way. */
export const PRIVATE_KEY_FILE = 'priv_sk';

export type IdentityKind = 'user' | 'peer' | 'orderer';

/** The NodeOU each kind of identity carries (the admin user carries `admin`). */
export type NodeOU = 'client' | 'peer' | 'admin' | 'orderer';

export function orgDirectory(org: string): string {
  return `${CRYPTO_DIRECTORY}/${org}`;
}

/** What the spec's `msp.directory` should say for an organization. */
export function orgMspDirectory(org: string): string {
  return `${orgDirectory(org)}/msp`;
}

export function caCertFileName(domain: string): string {
  return `ca.${domain}-cert.pem`;
}

export function tlsCaCertFileName(domain: string): string {
  return `tlsca.${domain}-cert.pem`;
}

export function adminUserName(domain: string): string {
  return `Admin@${domain}`;
}

/** An identity's folder inside the organization folder: `users/Admin@…`, `peers/<host>`, `orderers/<host>`. */
export function identityDirectory(kind: IdentityKind, name: string): string {
  const parent = kind === 'user' ? 'users' : kind === 'peer' ? 'peers' : 'orderers';
  return `${parent}/${name}`;
}

/** The admin's signing certificate, relative to the organization folder (what `msp.adminIdentity` may name). */
export function adminCertificatePath(domain: string): string {
  const name = adminUserName(domain);
  return `${identityDirectory('user', name)}/msp/signcerts/${name}-cert.pem`;
}
