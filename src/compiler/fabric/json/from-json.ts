// JSON -> message, the inverse of to-json (what `configtxlator proto_encode` reads): expanded opaque fields are
// encoded back to bytes, and anything the schema does not define is refused with the path of the offending field.
import { didYouMean } from '../../diagnostics/index.js';
import { CodecError, joinPath } from '../proto/codec-error.js';
import { enumType, type FieldSchema, type MessageSchema, messageType } from '../proto/schema.js';
import { compareUtf8, encodeMessage, type ProtoMessage } from '../proto/wire.js';
import { channelGroupField, configValueType, type GroupKind, opaqueFieldRule, subGroupKind } from './expansions.js';
import { describe, isJsonObject, type Json, scalarFromJson, timestampFromJson } from './json-value.js';

type FieldOverride = (field: FieldSchema, json: Json, path: string) => unknown;

export function messageFromJson(typeName: string, json: Json, path = '', override?: FieldOverride): ProtoMessage {
  if (!isJsonObject(json)) throw new CodecError(`expected an object for ${typeName}, got ${describe(json)}`, path);
  const type = messageType(typeName);
  const message: ProtoMessage = {};
  const deferred: [FieldSchema, Json, string][] = [];
  for (const key of Object.keys(json)) {
    const field = fieldByJsonName(type, key);
    const fieldPath = joinPath(path, key);
    if (!field)
      throw new CodecError(
        `unknown field '${key}' in ${typeName}${didYouMean(
          key,
          type.fields.map((f) => f.name),
        )}`,
        fieldPath,
      );
    const value = json[key] as Json;
    if (value === null) continue;
    // Opaque fields may depend on their siblings (Policy.value on Policy.type, Payload.data on the header),
    // so they are built once everything else is in place.
    if (opaqueFieldRule(typeName, field.name)) deferred.push([field, value, fieldPath]);
    else {
      const special = override?.(field, value, fieldPath);
      message[field.name] =
        special !== undefined
          ? special
          : channelGroupField(typeName, field.name)
            ? configGroupFromJson(value, 'Channel', fieldPath)
            : mapOrList(field, value, fieldPath, (item, itemPath) => fieldValueFromJson(field, item, itemPath));
    }
  }
  for (const [field, value, fieldPath] of deferred) {
    const rule = opaqueFieldRule(typeName, field.name)!;
    message[field.name] = mapOrList(field, value, fieldPath, (item, itemPath) =>
      opaqueFromJson(item, rule(message, itemPath), itemPath),
    );
  }
  return message;
}

function fieldByJsonName(type: MessageSchema, key: string): FieldSchema | undefined {
  const direct = type.fieldByName.get(key);
  if (direct) return direct;
  // protojson also accepts the lowerCamelCase JSON name.
  return type.fields.find((f) => f.name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) === key);
}

function mapOrList(
  field: FieldSchema,
  json: Json,
  path: string,
  convert: (item: Json, path: string, key: string) => unknown,
) {
  if (field.mapKey) {
    if (!isJsonObject(json)) throw new CodecError(`expected an object (map), got ${describe(json)}`, path);
    const out: ProtoMessage = {};
    for (const key of Object.keys(json).sort(compareUtf8))
      out[key] = convert(json[key] as Json, joinPath(path, key), key);
    return out;
  }
  if (field.repeated) {
    if (!Array.isArray(json)) throw new CodecError(`expected a list, got ${describe(json)}`, path);
    return json.map((item, i) => convert(item, joinPath(path, i), String(i)));
  }
  return convert(json, path, '');
}

function fieldValueFromJson(field: FieldSchema, json: Json, path: string): unknown {
  if (field.message) {
    const name = field.message;
    return name === 'google.protobuf.Timestamp' ? timestampFromJson(json, path) : messageFromJson(name, json, path);
  }
  if (field.enum) {
    const values = enumType(field.enum).values;
    if (typeof json === 'string' && Object.hasOwn(values, json)) return values[json];
    if (typeof json === 'number' && Number.isInteger(json)) return json;
    throw new CodecError(
      `expected one of ${Object.keys(values).join(', ')}, got ${describe(json)}${typeof json === 'string' ? didYouMean(json, Object.keys(values)) : ''}`,
      path,
    );
  }
  return scalarFromJson(field.scalar!, json, path);
}

function opaqueFromJson(json: Json, typeName: string, path: string): Uint8Array {
  if (!isJsonObject(json))
    throw new CodecError(`expected the expanded ${typeName} object, got ${describe(json)}`, path);
  return encodeMessage(typeName, messageFromJson(typeName, json, path));
}

/** The bytes of the ConfigValue named `key` in a group of this kind, from the JSON of the message it holds. */
export function configValueBytes(kind: GroupKind, key: string, json: Json, path: string): Uint8Array {
  return opaqueFromJson(json, configValueType(kind, key, path), path);
}

function configGroupFromJson(json: Json, kind: GroupKind, path: string): ProtoMessage {
  return messageFromJson('common.ConfigGroup', json, path, (field, value, fieldPath) => {
    if (field.name === 'groups') {
      return mapOrList(field, value, fieldPath, (sub, subPath, key) =>
        configGroupFromJson(sub, subGroupKind(kind, key, subPath), subPath),
      );
    }
    if (field.name === 'values') {
      return mapOrList(field, value, fieldPath, (item, itemPath, key) => {
        return messageFromJson('common.ConfigValue', item, itemPath, (valueField, bytes, bytesPath) =>
          valueField.name === 'value' ? configValueBytes(kind, key, bytes, bytesPath) : undefined,
        );
      });
    }
    return undefined;
  });
}
