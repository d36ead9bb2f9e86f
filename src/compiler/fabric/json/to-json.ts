// Message -> JSON exactly as `configtxlator proto_decode` prints it: every field present (defaults included,
// unset messages as null), snake_case names, enums by name, and opaque bytes expanded into the message they hold.
import { joinPath } from '../proto/codec-error.js';
import { eachFieldItem, enumType, type FieldSchema, messageType } from '../proto/schema.js';
import { decodeMessage, type ProtoMessage } from '../proto/wire.js';
import { channelGroupField, configValueType, type GroupKind, opaqueFieldRule, subGroupKind } from './expansions.js';
import { type Json, type JsonObject, scalarToJson, timestampToJson } from './json-value.js';

/** Converts one field's value; used where the context (a group's kind) decides what a field holds. */
type FieldOverride = (field: FieldSchema, value: unknown, path: string) => Json | undefined;

export function messageToJson(typeName: string, message: ProtoMessage, path = '', override?: FieldOverride): Json {
  if (typeName === 'google.protobuf.Timestamp') return timestampToJson(message);
  const type = messageType(typeName);
  const out: JsonObject = {};
  for (const field of type.fields) {
    // protojson prints only the member of a oneof that is set, even with EmitUnpopulated.
    if (field.oneof !== undefined && (!Object.hasOwn(message, field.name) || message[field.name] == null)) continue;
    const value = message[field.name];
    const fieldPath = joinPath(path, field.name);
    const special = override?.(field, value, fieldPath);
    if (special !== undefined) out[field.name] = special;
    else if (channelGroupField(typeName, field.name))
      out[field.name] = value ? configGroupToJson(value as ProtoMessage, 'Channel', fieldPath) : null;
    else {
      const rule = opaqueFieldRule(typeName, field.name);
      out[field.name] = rule
        ? (eachFieldItem(field, value, fieldPath, (item, itemPath, inList) =>
            opaqueToJson(item as Uint8Array, inList, () => rule(message, itemPath), itemPath),
          ) as Json)
        : (eachFieldItem(field, value, fieldPath, (item, itemPath, inList) =>
            fieldValueToJson(field, item, itemPath, inList),
          ) as Json);
    }
  }
  return out;
}

function fieldValueToJson(field: FieldSchema, value: unknown, path: string, inList: boolean): Json {
  if (field.message) return value == null ? null : messageToJson(field.message, value as ProtoMessage, path);
  if (field.enum) {
    const number = Number(value ?? 0);
    return enumType(field.enum).namesById.get(number) ?? number;
  }
  return scalarToJson(field.scalar!, value, inList);
}

function opaqueToJson(bytes: Uint8Array | undefined, inList: boolean, typeOf: () => string, path: string): Json {
  // An absent bytes field is nil in Go, and protolator prints nil opaque fields as null without decoding them.
  if (!inList && (!bytes || bytes.length === 0)) return null;
  const typeName = typeOf();
  return messageToJson(typeName, decodeMessage(typeName, bytes ?? new Uint8Array(), path), path);
}

/** A ConfigGroup whose sub-groups and values are read according to the group's kind (Channel, Orderer, ...). */
function configGroupToJson(group: ProtoMessage, kind: GroupKind, path: string): Json {
  return messageToJson('common.ConfigGroup', group, path, (field, value, fieldPath) => {
    if (field.name === 'groups') {
      const out: JsonObject = {};
      for (const [key, sub] of Object.entries((value ?? {}) as ProtoMessage)) {
        const subPath = joinPath(fieldPath, key);
        out[key] = configGroupToJson(sub as ProtoMessage, subGroupKind(kind, key, subPath), subPath);
      }
      return out;
    }
    if (field.name === 'values') {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries((value ?? {}) as ProtoMessage)) {
        const itemPath = joinPath(fieldPath, key);
        out[key] = messageToJson(
          'common.ConfigValue',
          item as ProtoMessage,
          itemPath,
          (valueField, bytes, bytesPath) =>
            valueField.name === 'value'
              ? opaqueToJson(bytes as Uint8Array, false, () => configValueType(kind, key, bytesPath), bytesPath)
              : undefined,
        );
      }
      return out;
    }
    return undefined;
  });
}
