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
import { type FieldSchema, messageType } from '../proto/schema.js';
import { decodeMessage, encodeMessage, type ProtoMessage } from '../proto/wire.js';

/** `common.Config` (decoded) -> the same config with every opaque field re-encoded canonically. */
export function canonicalConfig(config: ProtoMessage): ProtoMessage {
  return canonicalMessage('common.Config', config, '');
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
      out[field.name] = canonicalGroup(value as ProtoMessage, 'Channel', fieldPath);
    else if (rule)
      out[field.name] = eachItem(field, value, fieldPath, (item, itemPath, inList) =>
        canonicalOpaque(item as Uint8Array, inList, () => rule(message, itemPath), itemPath),
      );
    else if (field.message && field.message !== 'google.protobuf.Timestamp') {
      const type = field.message;
      out[field.name] = eachItem(field, value, fieldPath, (item, itemPath) =>
        canonicalMessage(type, item as ProtoMessage, itemPath),
      );
    } else out[field.name] = value;
  }
  return out;
}

/** The field's value, each element of a list or map converted. */
function eachItem(
  field: FieldSchema,
  value: unknown,
  path: string,
  convert: (item: unknown, path: string, inList: boolean) => unknown,
): unknown {
  if (field.mapKey) {
    const out: ProtoMessage = {};
    for (const [key, item] of Object.entries(value as ProtoMessage))
      out[key] = convert(item, joinPath(path, key), true);
    return out;
  }
  if (field.repeated) return (value as unknown[]).map((item, index) => convert(item, joinPath(path, index), true));
  return convert(value, path, false);
}

function canonicalOpaque(bytes: Uint8Array, inList: boolean, typeOf: () => string, path: string): Uint8Array {
  // An empty field outside a list is left undecoded, as protolator leaves it (and its type may not be knowable).
  if (!inList && bytes.length === 0) return bytes;
  const typeName = typeOf();
  return encodeMessage(typeName, canonicalMessage(typeName, decodeMessage(typeName, bytes, path), path));
}

/** A ConfigGroup, its sub-groups and values read according to the group's kind, as to-json reads them. */
function canonicalGroup(group: ProtoMessage, kind: GroupKind, path: string): ProtoMessage {
  const out = canonicalMessage('common.ConfigGroup', { ...group, groups: {}, values: {} }, path);
  const groups: ProtoMessage = {};
  for (const [key, sub] of Object.entries((group.groups ?? {}) as ProtoMessage)) {
    const subPath = joinPath(joinPath(path, 'groups'), key);
    groups[key] = canonicalGroup(sub as ProtoMessage, subGroupKind(kind, key, subPath), subPath);
  }
  const values: ProtoMessage = {};
  for (const [key, item] of Object.entries((group.values ?? {}) as ProtoMessage)) {
    const itemPath = joinPath(joinPath(path, 'values'), key);
    const { value, ...rest } = item as ProtoMessage;
    const canonical = canonicalMessage('common.ConfigValue', rest, itemPath);
    if (Object.hasOwn(item as ProtoMessage, 'value') && value != null) {
      const valuePath = joinPath(itemPath, 'value');
      canonical.value = canonicalOpaque(
        value as Uint8Array,
        false,
        () => configValueType(kind, key, valuePath),
        valuePath,
      );
    }
    values[key] = canonical;
  }
  out.groups = groups;
  out.values = values;
  return out;
}
