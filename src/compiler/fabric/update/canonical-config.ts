// A decoded config as netspec itself would encode it: every opaque field (a ConfigValue's content, a policy's
// envelope, an MSP's config, a principal) decoded by configtxlator's rules (json/expansions.ts) and written back
// deterministically, innermost first. Go marshals maps in random order, so a live value can differ from ours in
// bytes and not in content; compared canonically, only real changes remain. It gives what the configtxlator JSON
// round trip gives (fields the schema does not know are dropped, as JSON cannot carry them) without building the
// JSON: decoded fields are carried over as they are.
import {
  channelGroupField,
  configValueType,
  type GroupKind,
  opaqueFieldRule,
  subGroupKind,
} from '../json/expansions.js';
import { joinPath } from '../proto/codec-error.js';
import { eachFieldItem, messageType } from '../proto/schema.js';
import { decodeMessage, encodeMessage, type ProtoMessage } from '../proto/wire.js';

/**
 * `common.Config` (decoded) -> the same config with every opaque field re-encoded canonically; `ours`, a config
 * this codec encoded, spares the items equal to it in bytes.
 */
export function canonicalConfig(config: ProtoMessage, ours?: ProtoMessage): ProtoMessage {
  const { channel_group: group, ...rest } = config;
  const out = canonicalMessage('common.Config', rest, '');
  if (Object.hasOwn(config, 'channel_group') && group != null)
    out.channel_group = canonicalGroup(
      group as ProtoMessage,
      'Channel',
      'channel_group',
      ours?.channel_group as ProtoMessage | undefined,
    );
  return out;
}

function canonicalMessage(typeName: string, message: ProtoMessage, path: string): ProtoMessage {
  const out: ProtoMessage = {};
  for (const field of messageType(typeName).fields) {
    if (!Object.hasOwn(message, field.name)) continue;
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    const fieldPath = joinPath(path, field.name);
    const rule = opaqueFieldRule(typeName, field.name);
    if (channelGroupField(typeName, field.name))
      out[field.name] = canonicalGroup(value as ProtoMessage, 'Channel', fieldPath, undefined);
    else if (rule)
      out[field.name] = eachFieldItem(field, value, fieldPath, (item, itemPath, inList) =>
        canonicalOpaque(item as Uint8Array, inList, () => rule(message, itemPath), itemPath),
      );
    else if (field.message && field.message !== 'google.protobuf.Timestamp') {
      const type = field.message;
      out[field.name] = eachFieldItem(field, value, fieldPath, (item, itemPath) =>
        canonicalMessage(type, item as ProtoMessage, itemPath),
      );
    } else out[field.name] = value;
  }
  return out;
}

function canonicalOpaque(bytes: Uint8Array, inList: boolean, typeOf: () => string, path: string): Uint8Array {
  // An empty field outside a list is left undecoded, as protolator leaves it (and its type may not be knowable).
  if (!inList && bytes.length === 0) return bytes;
  const typeName = typeOf();
  return encodeMessage(typeName, canonicalMessage(typeName, decodeMessage(typeName, bytes, path), path));
}

/**
 * A ConfigGroup, its sub-groups and values read according to the group's kind, as to-json reads them. Values and
 * policies whose bytes equal those at the same place in `ours` (netspec's own encoding, canonical already) are
 * kept as they are: most of a live config equals the spec's, and decoding it only to encode it again is waste.
 */
function canonicalGroup(
  group: ProtoMessage,
  kind: GroupKind,
  path: string,
  ours: ProtoMessage | undefined,
): ProtoMessage {
  const out = canonicalMessage('common.ConfigGroup', { ...group, groups: {}, values: {}, policies: {} }, path);
  const groups: ProtoMessage = {};
  for (const [key, sub] of Object.entries((group.groups ?? {}) as ProtoMessage)) {
    const subPath = joinPath(joinPath(path, 'groups'), key);
    groups[key] = canonicalGroup(
      sub as ProtoMessage,
      subGroupKind(kind, key, subPath),
      subPath,
      member(ours, 'groups', key),
    );
  }
  const values: ProtoMessage = {};
  for (const [key, item] of Object.entries((group.values ?? {}) as ProtoMessage)) {
    const itemPath = joinPath(joinPath(path, 'values'), key);
    const { value, ...rest } = item as ProtoMessage;
    const canonical = canonicalMessage('common.ConfigValue', rest, itemPath);
    if (Object.hasOwn(item as ProtoMessage, 'value') && value != null) {
      const valuePath = joinPath(itemPath, 'value');
      canonical.value = sameBytes(value, member(ours, 'values', key)?.value)
        ? value
        : canonicalOpaque(value as Uint8Array, false, () => configValueType(kind, key, valuePath), valuePath);
    }
    values[key] = canonical;
  }
  const policies: ProtoMessage = {};
  for (const [key, item] of Object.entries((group.policies ?? {}) as ProtoMessage)) {
    const itemPath = joinPath(joinPath(path, 'policies'), key);
    const { policy, ...rest } = item as ProtoMessage;
    const canonical = canonicalMessage('common.ConfigPolicy', rest, itemPath);
    if (Object.hasOwn(item as ProtoMessage, 'policy') && policy != null)
      canonical.policy = samePolicy(policy as ProtoMessage, member(ours, 'policies', key)?.policy)
        ? policy
        : canonicalMessage('common.Policy', policy as ProtoMessage, joinPath(itemPath, 'policy'));
    policies[key] = canonical;
  }
  out.groups = groups;
  out.values = values;
  out.policies = policies;
  return out;
}

function member(group: ProtoMessage | undefined, map: 'groups' | 'values' | 'policies', key: string) {
  const items = group?.[map] as Record<string, ProtoMessage> | undefined;
  return items && Object.hasOwn(items, key) ? items[key] : undefined;
}

function sameBytes(a: unknown, b: unknown): boolean {
  return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
}

function samePolicy(a: ProtoMessage, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const other = b as ProtoMessage;
  return Number(a.type ?? 0) === Number(other.type ?? 0) && sameBytes(a.value ?? NO_BYTES, other.value ?? NO_BYTES);
}

const NO_BYTES = new Uint8Array(0);
