// Binary encoding and decoding of Fabric messages. Encoding is deterministic, like Go's deterministic marshal:
// fields by number, proto3 defaults omitted (protobufjs 8 does both) and map entries sorted by key (done here),
// so one message always gives the same bytes — which is what lets several organizations sign one update.
import type protobuf from 'protobufjs/light.js';
import { CodecError, joinPath } from './codec-error.js';
import { messageType } from './message-type.js';

/** A decoded message: protobufjs objects with snake_case fields, Long for 64-bit integers, Uint8Array bytes. */
export type ProtoMessage = { [field: string]: unknown };

export function decodeMessage(typeName: string, bytes: Uint8Array, path = ''): ProtoMessage {
  const type = messageType(typeName);
  try {
    return type.decode(bytes) as unknown as ProtoMessage;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodecError(`not a valid ${typeName} (${reason}): truncated or not this message type`, path);
  }
}

export function encodeMessage(typeName: string, message: ProtoMessage): Uint8Array {
  const type = messageType(typeName);
  return type.encode(canonicalMessage(type, message, typeName)).finish();
}

/** A copy of `message` whose maps list their entries in key order (protobufjs writes them in insertion order). */
function canonicalMessage(type: protobuf.Type, message: ProtoMessage, path: string): ProtoMessage {
  const copy: ProtoMessage = {};
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (value === undefined || value === null || !Object.hasOwn(message, field.name)) continue;
    const child = field.resolvedType && 'fieldsArray' in field.resolvedType ? field.resolvedType : undefined;
    const fieldPath = joinPath(path, field.name);
    if (field.map) {
      const entries = Object.keys(value as object).sort(mapKeyOrder(field as unknown as protobuf.MapField));
      const sorted: ProtoMessage = {};
      for (const key of entries) {
        const entry = (value as ProtoMessage)[key];
        sorted[key] = child ? canonicalMessage(child, entry as ProtoMessage, joinPath(fieldPath, key)) : entry;
      }
      copy[field.name] = sorted;
    } else if (field.repeated && child) {
      copy[field.name] = (value as ProtoMessage[]).map((item, i) =>
        canonicalMessage(child, item, joinPath(fieldPath, i)),
      );
    } else if (child) {
      if (typeof value !== 'object') throw new CodecError('expected a message', fieldPath);
      copy[field.name] = canonicalMessage(child, value as ProtoMessage, fieldPath);
    } else {
      copy[field.name] = value;
    }
  }
  return copy;
}

function mapKeyOrder(field: protobuf.MapField): (a: string, b: string) => number {
  if (field.keyType === 'string') return compareUtf8;
  if (field.keyType === 'bool') return (a, b) => (a === b ? 0 : a === 'false' ? -1 : 1);
  return (a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Go sorts string map keys by their UTF-8 bytes, which is code-point order (UTF-16 order differs for surrogates). */
export function compareUtf8(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}
