// The test orderer's judge, written apart from netspec's governance code (it imports nothing from src/policy,
// src/governance or src/compiler/plan) so that a bug there cannot also hide here. It follows Fabric 2.5's orderer:
//  - the SigFilter (orderer/common/msgprocessor): the envelope's creator alone must satisfy /Channel/Writers;
//  - configtx validation (common/configtx/update.go, validator.go): read set versions equal the live ones, every
//    changed item of the write set is at live version + 1 (new items at 0), and the mod_policy of each changed
//    existing item is satisfied by the ConfigSignatures;
//  - policies (common/cauthdsl, common/policies/implicitmeta.go) over de-duplicated identities whose signatures
//    verify (low-S ECDSA), and the MSP role checks (msp/mspimpl.go): chain to a root at NotBefore + 1 s, NodeOUs
//    (exactly one, bound OUs only for certificates their CA issued), admincerts.
// Messages are the orderer's own, as recorded in test/fixtures/fabric-live/broadcast/responses.tsv.
// The fake peer and its _lifecycle judge creators and endorsers with the same rules (isMspMember, isMspAdmin).
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { mustDecode } from '../../../src/apply/fabric/signed-envelopes.js';
import { type ProtoMessage, toJson } from '../../../src/compiler/fabric/index.js';

type Group = {
  groups?: Record<string, Group>;
  values?: Record<string, Item>;
  policies?: Record<string, Item & { policy?: { type?: number; value?: unknown } | null }>;
  mod_policy?: string;
  version?: string;
};
type Item = { mod_policy?: string; version?: string; value?: unknown };
export type ChannelConfig = { channel_group: Group; sequence?: string };

export interface Identity {
  mspId: string;
  certificate: X509Certificate;
}

const P256_HALF_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') >> 1n;

/** The SigFilter: undefined when the envelope's creator satisfies /Channel/Writers, else the orderer's words. */
export function submitterProblem(config: ChannelConfig, envelopeBytes: Uint8Array): string | undefined {
  const envelope = mustDecode('common.Envelope', envelopeBytes);
  const header = mustDecode('common.Payload', envelope.payload as Uint8Array).header as ProtoMessage;
  const signer = signerOf(
    config,
    header.signature_header as Uint8Array,
    envelope.payload as Uint8Array,
    envelope.signature as Uint8Array,
  );
  return evaluate(config, ['Channel'], 'Writers', signer ? [signer] : []);
}

/** A CONFIG_UPDATE's data (common.ConfigUpdateEnvelope) judged: the Broadcast status and info. */
export function judgeConfigUpdate(
  config: ChannelConfig,
  channel: string,
  updateEnvelopeBytes: Uint8Array,
): { status: number; info: string; writeSet?: Group } {
  const updateEnvelope = mustDecode('common.ConfigUpdateEnvelope', updateEnvelopeBytes);
  const updateBytes = (updateEnvelope.config_update as Uint8Array | undefined) ?? new Uint8Array();
  const update = toJson('common.ConfigUpdate', mustDecode('common.ConfigUpdate', updateBytes)).value as unknown as {
    channel_id?: string;
    read_set?: Group;
    write_set?: Group;
  };
  const refuse = (info: string) => ({
    status: 400,
    info: `error applying config update to existing channel '${channel}': error authorizing update: ${info}`,
  });
  if (update.channel_id !== channel)
    return refuse(`ConfigUpdate for channel '${update.channel_id}' but envelope for channel '${channel}'`);
  const live = flatten(config.channel_group, 'Channel', []);
  const read = flatten(update.read_set ?? {}, 'Channel', []);
  for (const [key, item] of read) {
    const current = live.get(key);
    if (!current)
      return refuse(
        `error validating ReadSet: existing config does not contain element for ${key} but was in the read set`,
      );
    if (version(current.item) !== version(item.item))
      return refuse(
        `error validating ReadSet: proposed update requires that key ${key} be at version ${version(item.item)}, but it is currently at version ${version(current.item)}`,
      );
  }
  const written = flatten(update.write_set ?? {}, 'Channel', []);
  const delta = [...written].filter(([key, item]) => {
    const before = read.get(key);
    return !before || version(before.item) !== version(item.item);
  });
  if (delta.length === 0) return refuse('error validating DeltaSet: config update contained no changes');
  const signers = configSigners(config, updateBytes, (updateEnvelope.signatures ?? []) as ProtoMessage[]);
  for (const [key, item] of delta) {
    const current = live.get(key);
    if (!current) {
      if (version(item.item) !== 0n)
        return refuse(
          `error validating DeltaSet: attempted to set key ${key} to version ${version(item.item)}, but key does not exist`,
        );
      continue;
    }
    if (version(item.item) !== version(current.item) + 1n)
      return refuse(
        `error validating DeltaSet: attempt to set key ${key} to version ${version(item.item)}, but key is at version ${version(current.item)}`,
      );
    const problem = modPolicyProblem(config, current, signers);
    if (problem) return refuse(`error validating DeltaSet: policy for ${key} not satisfied: ${problem}`);
  }
  return { status: 200, info: '', ...(update.write_set ? { writeSet: update.write_set } : {}) };
}

/**
 * An admin of its own MSP by the MSP's own rules (msp/mspimpl.go hasOURole/isAdmin: an admincert, or a valid
 * certificate carrying the admin NodeOU). A peer's local-MSP calls (cscc JoinChain/GetChannels, _lifecycle
 * install) pass the ACL only for such an identity (core/aclmgmt: their resources map to the local MSP's Admins).
 */
export function isMspAdmin(config: ChannelConfig, identity: Identity): boolean {
  return satisfiesRole(config, identity, identity.mspId, 'ADMIN');
}

/** The creator's MSP id as a signature header names it (parsed only: nothing is vouched for). */
export function creatorMspOf(signatureHeader: Uint8Array): string | undefined {
  try {
    const creator = mustDecode('common.SignatureHeader', signatureHeader).creator as Uint8Array;
    return String(mustDecode('msp.SerializedIdentity', creator).mspid ?? '');
  } catch {
    return undefined;
  }
}

/** The creator of a signature header whose signature over `data` verifies, or undefined. */
export function signerOf(
  config: ChannelConfig,
  signatureHeader: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): Identity | undefined {
  try {
    const creator = mustDecode('common.SignatureHeader', signatureHeader).creator as Uint8Array;
    return identitySigning(config, creator, data, signature);
  } catch {
    return undefined;
  }
}

/** A serialized identity (msp.SerializedIdentity) of one of the config's MSPs whose signature over `data` verifies. */
export function identitySigning(
  config: ChannelConfig,
  serializedIdentity: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): Identity | undefined {
  try {
    const creator = mustDecode('msp.SerializedIdentity', serializedIdentity);
    const mspId = String(creator.mspid ?? '');
    if (!mspOf(config, mspId)) return undefined;
    const certificate = new X509Certificate(Buffer.from(creator.id_bytes as Uint8Array));
    if (!lowS(signature)) return undefined;
    if (!verifySignature('sha256', data, certificate.publicKey, signature)) return undefined;
    return { mspId, certificate };
  } catch {
    return undefined;
  }
}

/** Whether the config defines an MSP named `mspId` (a peer's local MSP is its org's MSP in a channel config). */
export function definesMsp(config: ChannelConfig, mspId: string): boolean {
  return mspOf(config, mspId) !== undefined;
}

/** A valid member of its MSP (mspimpl.go Validate: chains to the MSP's roots, NodeOUs as the MSP demands). */
export function isMspMember(config: ChannelConfig, identity: Identity): boolean {
  return satisfiesRole(config, identity, identity.mspId, 'MEMBER');
}

/** SignatureSetToValidIdentities: each identity once, only with a verifying signature. */
function configSigners(config: ChannelConfig, updateBytes: Uint8Array, signatures: ProtoMessage[]): Identity[] {
  const seen = new Set<string>();
  const identities: Identity[] = [];
  for (const signature of signatures) {
    const header = signature.signature_header as Uint8Array;
    const identity = signerOf(config, header, Buffer.concat([header, updateBytes]), signature.signature as Uint8Array);
    if (!identity) continue;
    const key = `${identity.mspId}${createHash('sha256').update(identity.certificate.raw).digest('hex')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    identities.push(identity);
  }
  return identities;
}

interface Located {
  kind: 'Group' | 'Value' | 'Policy';
  /** Names of the groups from the root down to the item's parent (the item itself for a group). */
  groupPath: string[];
  item: Item;
}

/** Every item of a config tree under Fabric's key strings: "[Group]  /Channel/A", "[Value]  …", "[Policy] …". */
function flatten(group: Group, name: string, parents: string[]): Map<string, Located> {
  const path = [...parents, name];
  const map = new Map<string, Located>();
  map.set(`[Group]  /${path.join('/')}`, { kind: 'Group', groupPath: path, item: group });
  for (const [key, value] of Object.entries(group.values ?? {}))
    map.set(`[Value]  /${[...path, key].join('/')}`, { kind: 'Value', groupPath: path, item: value });
  for (const [key, policy] of Object.entries(group.policies ?? {}))
    map.set(`[Policy] /${[...path, key].join('/')}`, { kind: 'Policy', groupPath: path, item: policy });
  for (const [key, child] of Object.entries(group.groups ?? {}))
    for (const [childKey, located] of flatten(child, key, path)) map.set(childKey, located);
  return map;
}

/** policyForItem: an absolute mod_policy from the root, a relative one from the item's group. */
function modPolicyProblem(config: ChannelConfig, located: Located, signers: Identity[]): string | undefined {
  const modPolicy = located.item.mod_policy ?? '';
  if (modPolicy === '') return 'mod_policy not set';
  if (modPolicy.startsWith('/')) {
    const parts = modPolicy.slice(1).split('/');
    return evaluate(config, parts.slice(0, -1), parts[parts.length - 1]!, signers);
  }
  return evaluate(config, located.groupPath, modPolicy, signers);
}

/** The policy `name` of the group at `groupPath` ("Channel", ...), over `signers`: undefined when satisfied. */
function evaluate(config: ChannelConfig, groupPath: string[], name: string, signers: Identity[]): string | undefined {
  const group = groupAt(config, groupPath);
  const policy = group?.policies?.[name]?.policy;
  if (!group || !policy) return `policy ${name} not found`;
  if (policy.type === 3) {
    const meta = policy.value as { rule?: string; sub_policy?: string };
    const children = Object.keys(group.groups ?? {});
    const satisfied = children.filter(
      (child) => evaluate(config, [...groupPath, child], meta.sub_policy ?? '', signers) === undefined,
    ).length;
    const threshold =
      children.length === 0
        ? 0
        : meta.rule === 'ALL'
          ? children.length
          : meta.rule === 'MAJORITY'
            ? Math.floor(children.length / 2) + 1
            : 1;
    if (satisfied >= threshold) return undefined;
    return `implicit policy evaluation failed - ${satisfied} sub-policies were satisfied, but this policy requires ${threshold} of the '${meta.sub_policy}' sub-policies to be satisfied`;
  }
  if (policy.type === 1) {
    const envelope = policy.value as {
      rule: Rule;
      identities: {
        principal_classification?: string;
        principal?: { msp_identifier?: string; role?: string } | null;
      }[];
    };
    const used = signers.map(() => false);
    return cauthdsl(config, envelope.rule, envelope.identities, signers, used)
      ? undefined
      : 'signature set did not satisfy policy';
  }
  return `unknown policy type ${policy.type}`;
}

type Rule = { signed_by?: number; n_out_of?: { n?: number; rules?: Rule[] } };

/** cauthdsl: signed_by takes the first unused identity satisfying the principal; n_out_of keeps what succeeded. */
function cauthdsl(
  config: ChannelConfig,
  rule: Rule,
  principals: { principal_classification?: string; principal?: { msp_identifier?: string; role?: string } | null }[],
  signers: Identity[],
  used: boolean[],
): boolean {
  if (rule.n_out_of) {
    let verified = 0;
    for (const sub of rule.n_out_of.rules ?? []) {
      const attempt = [...used];
      if (cauthdsl(config, sub, principals, signers, attempt)) {
        verified += 1;
        attempt.forEach((mark, index) => {
          used[index] = mark;
        });
      }
    }
    return verified >= (rule.n_out_of.n ?? 0);
  }
  const principal = principals[rule.signed_by ?? 0];
  if (principal?.principal_classification !== 'ROLE' || !principal.principal) return false;
  for (let index = 0; index < signers.length; index++) {
    if (used[index]) continue;
    const { msp_identifier: mspId = '', role = 'MEMBER' } = principal.principal;
    if (satisfiesRole(config, signers[index]!, mspId, role)) {
      used[index] = true;
      return true;
    }
  }
  return false;
}

interface Msp {
  name: string;
  roots: X509Certificate[];
  intermediates: X509Certificate[];
  admins: X509Certificate[];
  nodeOUs?: Partial<Record<'client' | 'peer' | 'admin' | 'orderer', { ou: string; certificate?: X509Certificate }>>;
}

function satisfiesRole(config: ChannelConfig, identity: Identity, mspId: string, role: string): boolean {
  if (identity.mspId !== mspId) return false;
  const msp = mspOf(config, mspId);
  if (!msp) return false;
  if (role === 'ADMIN' && msp.admins.some((admin) => admin.raw.equals(identity.certificate.raw))) return true;
  if (!valid(identity.certificate, msp)) return false;
  if (role === 'MEMBER') return true;
  const ou = msp.nodeOUs?.[role.toLowerCase() as 'client'];
  return ou !== undefined && unitsOf(identity.certificate).includes(ou.ou);
}

/** msp.Validate, for the material tests make: chain at NotBefore + 1 s, not a CA, exactly one bound NodeOU. */
function valid(certificate: X509Certificate, msp: Msp): boolean {
  if (certificate.ca) return false;
  const at = Date.parse(certificate.validFrom) + 1000;
  const inPeriod = (cert: X509Certificate) => at >= Date.parse(cert.validFrom) && at <= Date.parse(cert.validTo);
  const issuedBy = (cert: X509Certificate, by: X509Certificate) => {
    try {
      return cert.checkIssued(by) && cert.verify(by.publicKey);
    } catch {
      return false;
    }
  };
  const chains = (cert: X509Certificate, depth: number): boolean => {
    if (!inPeriod(cert) || depth > 4) return false;
    if (msp.roots.some((root) => inPeriod(root) && issuedBy(cert, root))) return true;
    return msp.intermediates.some((next) => next.ca && issuedBy(cert, next) && chains(next, depth + 1));
  };
  if (!chains(certificate, 0)) return false;
  const issuer = [...msp.intermediates, ...msp.roots].find((ca) => issuedBy(certificate, ca));
  if (!msp.nodeOUs) return true;
  const units = unitsOf(certificate);
  const matching = Object.values(msp.nodeOUs).filter((ou) => ou && units.includes(ou.ou));
  if (matching.length !== 1) return false;
  const bound = matching[0]!.certificate;
  return !bound || (issuer !== undefined && bound.raw.equals(issuer.raw));
}

function mspOf(config: ChannelConfig, mspId: string): Msp | undefined {
  const find = (group: Group): Msp | undefined => {
    const value = group.values?.MSP?.value as { config?: Record<string, unknown> } | undefined;
    if (value?.config?.name === mspId) return readMsp(value.config);
    for (const child of Object.values(group.groups ?? {})) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  return find(config.channel_group);
}

function readMsp(config: Record<string, unknown>): Msp {
  const certs = (list: unknown) =>
    ((list as string[] | undefined) ?? []).map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
  const ous = config.fabric_node_ous as Record<
    string,
    { organizational_unit_identifier?: string; certificate?: string } | boolean | null
  > | null;
  const msp: Msp = {
    name: String(config.name),
    roots: certs(config.root_certs),
    intermediates: certs(config.intermediate_certs),
    admins: certs(config.admins),
  };
  if (ous?.enable) {
    msp.nodeOUs = {};
    for (const role of ['client', 'peer', 'admin', 'orderer'] as const) {
      const ou = ous[`${role}_ou_identifier`] as {
        organizational_unit_identifier?: string;
        certificate?: string;
      } | null;
      if (ou?.organizational_unit_identifier)
        msp.nodeOUs[role] = {
          ou: ou.organizational_unit_identifier,
          ...(ou.certificate ? { certificate: certs([ou.certificate])[0]! } : {}),
        };
    }
  }
  return msp;
}

/** The subject's OU values (test material has one attribute per RDN). */
function unitsOf(certificate: X509Certificate): string[] {
  return certificate.subject
    .split('\n')
    .filter((line) => line.startsWith('OU='))
    .map((line) => line.slice(3));
}

function groupAt(config: ChannelConfig, path: string[]): Group | undefined {
  if (path[0] !== 'Channel') return undefined;
  let group: Group | undefined = config.channel_group;
  for (const name of path.slice(1)) group = group?.groups?.[name];
  return group;
}

function version(item: Item): bigint {
  return BigInt(item.version ?? '0');
}

/** Fabric's BCCSP refuses an ECDSA signature whose s is above half the curve order. */
function lowS(signature: Uint8Array): boolean {
  try {
    const der = Buffer.from(signature);
    if (der[0] !== 0x30) return false;
    let at = 2;
    const rLength = der[at + 1]!;
    at += 2 + rLength;
    if (der[at] !== 0x02) return false;
    const sLength = der[at + 1]!;
    const s = BigInt(`0x${der.subarray(at + 2, at + 2 + sLength).toString('hex') || '0'}`);
    return s <= P256_HALF_ORDER;
  } catch {
    return false;
  }
}
