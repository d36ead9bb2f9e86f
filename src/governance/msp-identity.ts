// An identity judged as Fabric's MSP judges it (msp/mspimpl*.go, v1.4.2+ semantics with NodeOUs): it must chain
// to the MSP's root CA (directly or via an intermediate) and, with NodeOUs enabled, carry exactly one of the
// client/peer/admin/orderer OUs. Roles: ADMIN = listed in admincerts, or valid and carrying the admin OU;
// MEMBER = valid; CLIENT/PEER/ORDERER = valid and carrying that OU (impossible without NodeOUs).
// Stricter than Fabric on purpose: an expired certificate is not valid here (the MSP pins "now" to NotBefore).
import { createHash, type X509Certificate } from 'node:crypto';
import type { Principal } from '../compiler/plan/signers/index.js';
import { chainsTo, isSignedBy, organizationalUnits, parseCertificatePem } from '../crypto/index.js';
import type { ChannelMsp, OuIdentifier } from './channel-msps.js';

export interface MspIdentity {
  mspId: string;
  certificate: X509Certificate;
  /** Fabric's identity key: MSP id and the certificate's hash. Duplicates by this key count once. */
  key: string;
}

export type NodeRole = 'client' | 'peer' | 'admin' | 'orderer';
const NODE_ROLES: readonly NodeRole[] = ['client', 'peer', 'admin', 'orderer'];

/** msp.DeserializeIdentity: the MSP must be defined on the channel and id_bytes must be a PEM certificate. */
export function deserializeIdentity(
  mspId: string,
  idBytes: Uint8Array,
  msps: ReadonlyMap<string, ChannelMsp>,
): { identity: MspIdentity } | { error: string } {
  if (!msps.has(mspId)) return { error: `MSP ${mspId || '(empty)'} is not defined in the channel config` };
  const loaded = parseCertificatePem(new TextDecoder().decode(idBytes), 'the signer identity');
  if (!loaded.ok) return { error: 'the signer identity is not a PEM X.509 certificate' };
  const digest = createHash('sha256').update(loaded.certificate.raw).digest('hex');
  return { identity: { mspId, certificate: loaded.certificate, key: `${mspId}:${digest}` } };
}

/** Why the identity is not valid under its MSP, or undefined when it is. */
export function identityProblem(identity: MspIdentity, msp: ChannelMsp, now: Date): string | undefined {
  const cert = identity.certificate;
  if (isSignedBy(cert, cert)) return 'self-signed certificate: it is not issued by the organization CA';
  if (cert.ca) return 'a CA certificate cannot sign as an identity';
  if (!chainsTo(cert, msp.roots, msp.intermediates))
    return `the certificate does not chain to ${msp.mspId}'s CA in the current channel config`;
  if (now.getTime() > Date.parse(cert.validTo)) return `the certificate expired on ${isoDate(cert.validTo)}`;
  if (now.getTime() < Date.parse(cert.validFrom))
    return `the certificate is not valid before ${isoDate(cert.validFrom)}`;
  if (msp.nodeOUs) {
    const roles = NODE_ROLES.filter((role) => carriesOu(identity, msp, msp.nodeOUs?.[role]));
    if (roles.length !== 1)
      return roles.length === 0
        ? 'the certificate carries none of the NodeOU roles (client, peer, admin, orderer) its MSP requires'
        : `the certificate carries more than one NodeOU role (${roles.join(', ')})`;
  }
  return undefined;
}

/** Admin by the channel's MSP rules: listed in admincerts, or (NodeOUs) valid and carrying the admin OU. */
export function isAdmin(identity: MspIdentity, msp: ChannelMsp, now: Date): boolean {
  if (msp.admins.some((admin) => admin.raw.equals(identity.certificate.raw))) return true;
  return (
    msp.nodeOUs !== undefined &&
    identityProblem(identity, msp, now) === undefined &&
    carriesOu(identity, msp, msp.nodeOUs.admin)
  );
}

/** msp.SatisfiesPrincipal for a ROLE principal. */
export function satisfiesPrincipal(
  identity: MspIdentity,
  principal: Principal,
  msps: ReadonlyMap<string, ChannelMsp>,
  now: Date,
): boolean {
  if (principal.mspId !== identity.mspId) return false;
  const msp = msps.get(identity.mspId);
  if (!msp) return false;
  const role = principal.role.toUpperCase();
  if (role === 'ADMIN') return isAdmin(identity, msp, now);
  if (identityProblem(identity, msp, now) !== undefined) return false;
  if (role === 'MEMBER') return true;
  const nodeRole = role.toLowerCase() as NodeRole;
  if (!NODE_ROLES.includes(nodeRole) || !msp.nodeOUs) return false;
  return carriesOu(identity, msp, msp.nodeOUs[nodeRole]);
}

/** The identity carries the OU, and when the OU is bound to a CA, the identity was issued under that CA. */
function carriesOu(identity: MspIdentity, msp: ChannelMsp, ou: OuIdentifier | undefined): boolean {
  if (!ou || !organizationalUnits(identity.certificate).includes(ou.ou)) return false;
  if (!ou.certificate) return true;
  return chainsTo(identity.certificate, [ou.certificate], msp.intermediates);
}

export function subjectOf(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}

function isoDate(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}
