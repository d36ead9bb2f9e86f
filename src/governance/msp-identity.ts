// An identity judged as Fabric's MSP judges it (msp/mspimpl.go, mspimplvalidate.go, mspimplsetup.go; MSP v1.4.3+
// semantics, as channels with the V2 capabilities use):
//  - valid = not a CA; exactly one chain to the MSP's roots through its intermediates, checked at the
//    certificate's NotBefore + 1 s (so Fabric accepts an expired certificate: the caller warns about it); issued by
//    a leaf of the MSP's CA tree; not revoked by a CRL the issuing CA signed; with NodeOUs, exactly one of the
//    client/peer/admin/orderer OUs, each bound OU's certifier being exactly the certificate's issuer chain;
//    without NodeOUs, one of the organizational_unit_identifiers when the MSP lists any;
//  - ADMIN = listed in admincerts (byte for byte, no further check), or with NodeOUs valid and carrying the
//    admin OU; MEMBER = valid; CLIENT/PEER/ORDERER = NodeOUs on, valid and carrying that OU.
import { sha256Hex } from '../bytes.js';
import { chainsTo, isSelfSigned } from '../crypto/certificate-facts.js';
import { pemCertificateDer } from '../crypto/parsed-certificates.js';
import { type Certificate, readCertificate } from '../crypto/read-certificate.js';
import type { Principal } from '../policy/index.js';
import {
  certifiersIdentifier,
  chainIdentifier,
  fabricValidationTime,
  internalNodes,
  validationChains,
} from './certification-chain.js';
import type { ChannelMsp, OuIdentifier } from './channel-msps.js';
import { isRevocationListSignedBy } from './revocation-list.js';
import { sanitizedCertificateDer } from './sanitize-certificate.js';

export interface MspIdentity {
  mspId: string;
  certificate: Certificate;
  /** Fabric's identity key: MSP id and the sanitized certificate's hash. Duplicates by this key count once. */
  key: string;
}

export type NodeRole = 'client' | 'peer' | 'admin' | 'orderer';
const NODE_ROLES: readonly NodeRole[] = ['client', 'peer', 'admin', 'orderer'];

/** What Fabric accepts but a careful consortium would not: a certificate outside its validity period now. */
export interface ValidityWarning {
  code: 'certificate-expired' | 'certificate-not-yet-valid';
  /** ISO date: when it expired, or when it becomes valid. */
  date: string;
}

/**
 * msp.DeserializeIdentity: the MSP must be defined on the channel and id_bytes must be a PEM certificate.
 * Remembered per MSP and id_bytes, as Fabric's MSP caches deserialized identities: a signer of many updates is
 * parsed, and judged (identityProblem remembers per identity), once.
 */
export function deserializeIdentity(
  mspId: string,
  idBytes: Uint8Array,
  msps: ReadonlyMap<string, ChannelMsp>,
): { identity: MspIdentity } | { error: string } {
  const msp = msps.get(mspId);
  if (!msp) return { error: `MSP ${mspId || '(empty)'} is not defined in the channel config` };
  const bytes = Buffer.from(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength).toString('latin1');
  const known = deserialized.get(msp) ?? new Map<string, { identity: MspIdentity } | { error: string }>();
  deserialized.set(msp, known);
  let result = known.get(bytes);
  if (!result) {
    result = readIdentity(mspId, idBytes, msps);
    known.set(bytes, result);
  }
  return result;
}

const deserialized = new WeakMap<ChannelMsp, Map<string, { identity: MspIdentity } | { error: string }>>();

function readIdentity(
  mspId: string,
  idBytes: Uint8Array,
  msps: ReadonlyMap<string, ChannelMsp>,
): { identity: MspIdentity } | { error: string } {
  // Read here, not through the process-wide cache: a signer is read once per MSP and id_bytes already (above),
  // and every check after this one (chain, key, OUs) works on this value.
  let certificate: Certificate;
  try {
    certificate = readCertificate(pemCertificateDer(new TextDecoder().decode(idBytes)));
  } catch {
    return { error: 'the signer identity is not a PEM X.509 certificate' };
  }
  const chains = validationChains(certificate, msps.get(mspId)!, fabricValidationTime(certificate));
  const issuer = chains.length === 1 ? chains[0]![1] : undefined;
  const der = issuer ? sanitizedCertificateDer(certificate, issuer.publicKey) : certificate.raw;
  const digest = sha256Hex(der);
  return { identity: { mspId, certificate, key: `${mspId}:${digest}` } };
}

/** Why the identity is not valid under its MSP (Fabric's msp.Validate), or undefined when it is. */
export function identityProblem(identity: MspIdentity, msp: ChannelMsp): string | undefined {
  // Remembered per identity and MSP, as Fabric's identity remembers its validation: a policy asks per principal.
  const byMsp = validated.get(identity) ?? new WeakMap<ChannelMsp, string>();
  validated.set(identity, byMsp);
  let problem = byMsp.get(msp);
  if (problem === undefined) {
    const checked = validate(identity.certificate, msp);
    problem = 'problem' in checked ? checked.problem : '';
    byMsp.set(msp, problem);
  }
  return problem === '' ? undefined : problem;
}

const validated = new WeakMap<MspIdentity, WeakMap<ChannelMsp, string>>();

/** Outside its validity period at `now`, which Fabric does not check for a config signer: a warning only. */
export function validityWarning(certificate: Certificate, now: Date): ValidityWarning | undefined {
  const from = certificate.notBefore;
  const to = certificate.notAfter;
  if (now.getTime() > to) return { code: 'certificate-expired', date: new Date(to).toISOString() };
  if (now.getTime() < from) return { code: 'certificate-not-yet-valid', date: new Date(from).toISOString() };
  return undefined;
}

/** Admin by the channel's MSP rules: listed in admincerts, or (NodeOUs) valid and carrying the admin OU. */
export function isAdmin(identity: MspIdentity, msp: ChannelMsp): boolean {
  if (msp.admins.some((admin) => admin.raw.equals(identity.certificate.raw))) return true;
  return (
    msp.nodeOUs !== undefined && identityProblem(identity, msp) === undefined && hasOu(identity, msp.nodeOUs.admin)
  );
}

/** msp.SatisfiesPrincipal for a ROLE principal. */
export function satisfiesPrincipal(
  identity: MspIdentity,
  principal: Principal,
  msps: ReadonlyMap<string, ChannelMsp>,
): boolean {
  if (principal.mspId !== identity.mspId) return false;
  const msp = msps.get(identity.mspId);
  if (!msp) return false;
  const role = principal.role.toUpperCase();
  if (role === 'ADMIN') return isAdmin(identity, msp);
  if (identityProblem(identity, msp) !== undefined) return false;
  if (role === 'MEMBER') return true;
  const nodeRole = role.toLowerCase() as NodeRole;
  if (!NODE_ROLES.includes(nodeRole) || !msp.nodeOUs) return false;
  return hasOu(identity, msp.nodeOUs[nodeRole]);
}

/** Fabric's hasOURole: the OU name only; its certifier was already checked by validation. */
function hasOu(identity: MspIdentity, ou: OuIdentifier | undefined): boolean {
  return ou !== undefined && identity.certificate.organizationalUnits.includes(ou.ou);
}

/** msp.Validate: the chain, the tree position, revocation, then the OUs. */
function validate(cert: Certificate, msp: ChannelMsp): { chain: Certificate[] } | { problem: string } {
  if (msp.setupProblems.length > 0) return { problem: `${msp.mspId} cannot be set up: ${msp.setupProblems[0]}` };
  if (cert.ca) return { problem: 'a CA certificate cannot sign as an identity' };
  if (isSelfSigned(cert)) return { problem: 'self-signed certificate: it is not issued by the organization CA' };
  const at = fabricValidationTime(cert);
  const chains = validationChains(cert, msp, at);
  if (chains.length === 0 && chainsTo(cert, msp.roots, msp.intermediates))
    return {
      problem: `the chain to ${msp.mspId}'s CA is not valid at the certificate's NotBefore + 1 s (${new Date(at).toISOString()}), the moment Fabric checks it at`,
    };
  if (chains.length === 0)
    return { problem: `the certificate does not chain to ${msp.mspId}'s CA in the current channel config` };
  if (chains.length > 1)
    return { problem: `the certificate has ${chains.length} chains to ${msp.mspId}'s CAs; Fabric accepts only one` };
  const chain = chains[0]!;
  const issuer = chain[1]!;
  if (internalNodes(msp).some((node) => node.raw.equals(issuer.raw)))
    return { problem: `issued by ${subjectOf(issuer)}, which issues ${msp.mspId}'s intermediate CAs, not identities` };
  const revoked = revocationProblem(cert, issuer, msp);
  if (revoked) return { problem: revoked };
  const ouProblem = organizationalUnitProblem(cert, chain, msp);
  if (ouProblem) return { problem: ouProblem };
  return { chain };
}

/** validateCertAgainstChain: a CRL for the issuer (by its SKI), listing the serial, signed by that issuer. */
function revocationProblem(cert: Certificate, issuer: Certificate, msp: ChannelMsp): string | undefined {
  const ski = issuer.subjectKeyId;
  if (!ski) return `the issuing CA ${subjectOf(issuer)} has no subject key identifier (Fabric requires one)`;
  const serial = cert.serialNumber;
  for (const list of msp.revocationLists) {
    if (!list.hasAuthorityKeyIdentifier)
      return `a CRL of ${msp.mspId} has no authority key identifier (Fabric refuses every identity then)`;
    if (!list.authorityKeyId?.equals(ski) || !list.revokedSerials.includes(serial)) continue;
    // A CRL naming the issuer but not signed by it is skipped, as Fabric does.
    if (!isRevocationListSignedBy(list, issuer.publicKey)) continue;
    return `the certificate (serial ${serial.toString(16)}) is revoked by a CRL of ${subjectOf(issuer)}`;
  }
  return undefined;
}

/** validateIdentityOUsV142 (NodeOUs) or validateIdentityOUsV1 (organizational_unit_identifiers). */
function organizationalUnitProblem(
  cert: Certificate,
  chain: readonly Certificate[],
  msp: ChannelMsp,
): string | undefined {
  const units = cert.organizationalUnits;
  const certifiers = chainIdentifier(chain.slice(1));
  const boundTo = (ou: OuIdentifier) => (ou.certificate ? certifiersIdentifier(ou.certificate, msp) : undefined);
  if (!msp.nodeOUs) {
    if (msp.ouIdentifiers.length === 0) return undefined;
    const found = msp.ouIdentifiers.some((ou) => units.includes(ou.ou) && boundTo(ou) === certifiers);
    return found ? undefined : `none of the certificate's OUs (${units.join(', ') || 'none'}) is one of ${msp.mspId}'s`;
  }
  const special = new Map<string, OuIdentifier>();
  for (const role of NODE_ROLES) {
    const ou = msp.nodeOUs[role];
    if (ou) special.set(ou.ou, ou);
  }
  let count = 0;
  for (const unit of units) {
    const ou = special.get(unit);
    if (!ou) continue;
    if (ou.certificate && boundTo(ou) !== certifiers)
      return `the ${unit} OU of ${msp.mspId} is bound to ${subjectOf(ou.certificate)}, which did not issue this certificate`;
    count += 1;
    if (count > 1) break;
  }
  if (count === 1) return undefined;
  const roles = NODE_ROLES.filter((role) => {
    const ou = msp.nodeOUs?.[role];
    return ou !== undefined && units.includes(ou.ou);
  });
  return roles.length === 0
    ? 'the certificate carries none of the NodeOU roles (client, peer, admin, orderer) its MSP requires'
    : `the certificate carries more than one NodeOU role (${roles.join(', ')})`;
}

export function subjectOf(certificate: Certificate): string {
  return certificate.subject;
}
