// Protobuf wire format -> message objects, driven by the schema. Messages come out the way Fabric code expects
// them: own properties for what was on the wire (plus empty lists and maps), defaults readable through the
// prototype, 64-bit integers as Long, bytes as Buffer views of the input (no copies: certificates make up most of
// a config). Fields the schema does not know are kept as raw bytes in `$unknowns` and written back by encode,
// as Go's proto.Marshal does.
import Long from 'long';
import { defaultValue, type FieldSchema, type MessageSchema, messageType, WIRE_TYPE } from './schema.js';

export type ProtoMessage = { [field: string]: unknown };

const MAX_DEPTH = 100;

interface Reader {
  readonly buf: Buffer;
  pos: number;
}

/** Raised for bytes that are not a message of the expected type; the caller adds which type and where. */
export class WireError extends Error {}

export function decodeWire(type: MessageSchema, bytes: Uint8Array): ProtoMessage {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readMessage({ buf, pos: 0 }, type, buf.length, 0);
}

const prototypes = new WeakMap<MessageSchema, object>();

function newMessage(type: MessageSchema): ProtoMessage {
  let prototype = prototypes.get(type);
  if (!prototype) {
    prototype = {};
    for (const field of type.fields)
      Object.defineProperty(prototype, field.name, { value: defaultValue(field), writable: true });
    prototypes.set(type, prototype);
  }
  const message = Object.create(prototype) as ProtoMessage;
  for (const field of type.fields) {
    if (field.mapKey) message[field.name] = {};
    else if (field.repeated) message[field.name] = [];
  }
  return message;
}

function readMessage(r: Reader, type: MessageSchema, end: number, depth: number): ProtoMessage {
  if (depth > MAX_DEPTH) throw new WireError('messages nested too deeply');
  const message = newMessage(type);
  while (r.pos < end) {
    const start = r.pos;
    const tag = readVarint32(r, end);
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 0) throw new WireError(`invalid field number 0 at byte ${start}`);
    const field = type.fieldById.get(id);
    if (field === undefined || !readField(r, message, field, wire, end, depth)) {
      skipField(r, wire, end, depth);
      const unknowns = Object.hasOwn(message, '$unknowns') ? (message.$unknowns as Buffer[]) : undefined;
      if (unknowns) unknowns.push(r.buf.subarray(start, r.pos));
      else Object.defineProperty(message, '$unknowns', { value: [r.buf.subarray(start, r.pos)], writable: true });
    }
  }
  if (r.pos !== end) throw new WireError('a field runs past the end of its message');
  return message;
}

/** Reads one occurrence of `field`; false when the wire type does not fit it (it is then kept as unknown). */
function readField(
  r: Reader,
  message: ProtoMessage,
  field: FieldSchema,
  wire: number,
  end: number,
  depth: number,
): boolean {
  if (field.mapKey) {
    if (wire !== 2) return false;
    readMapEntry(r, message[field.name] as ProtoMessage, field, end, depth);
    return true;
  }
  const expected = wireTypeOf(field);
  if (field.repeated) {
    const list = message[field.name] as unknown[];
    if (wire === 2 && expected !== 2) {
      // Packed: one length-delimited run of values.
      const runEnd = lengthDelimitedEnd(r, end);
      while (r.pos < runEnd) list.push(readValue(r, field, runEnd, depth));
      if (r.pos !== runEnd) throw new WireError('a packed field runs past its length');
      return true;
    }
    if (wire !== expected) return false;
    list.push(readValue(r, field, end, depth));
    return true;
  }
  if (wire !== expected) return false;
  message[field.name] = readValue(r, field, end, depth);
  return true;
}

function readMapEntry(r: Reader, map: ProtoMessage, field: FieldSchema, end: number, depth: number): void {
  const entryEnd = lengthDelimitedEnd(r, end);
  const { keyField, valueField } = mapEntryFields(field);
  let key: unknown = defaultValue(keyField);
  let value: unknown = field.message ? undefined : defaultValue(valueField);
  while (r.pos < entryEnd) {
    const tag = readVarint32(r, entryEnd);
    const wire = tag & 7;
    if (tag >>> 3 === 1 && wire === wireTypeOf(keyField)) key = readValue(r, keyField, entryEnd, depth);
    else if (tag >>> 3 === 2 && wire === wireTypeOf(valueField)) value = readValue(r, valueField, entryEnd, depth);
    else skipField(r, wire, entryEnd, depth);
  }
  if (r.pos !== entryEnd) throw new WireError('a map entry runs past its length');
  // A message value absent from the entry is an empty message, as in Go.
  map[String(key)] = value === undefined ? newMessage(messageType(field.message!)) : value;
}

const entryFields = new WeakMap<FieldSchema, { keyField: FieldSchema; valueField: FieldSchema }>();

/** A map field's entries as the two-field message they are on the wire: key = 1, value = 2. */
export function mapEntryFields(field: FieldSchema): { keyField: FieldSchema; valueField: FieldSchema } {
  let fields = entryFields.get(field);
  if (!fields) {
    fields = {
      keyField: { name: 'key', id: 1, scalar: field.mapKey },
      valueField: { name: 'value', id: 2, message: field.message, enum: field.enum, scalar: field.scalar },
    };
    entryFields.set(field, fields);
  }
  return fields;
}

function wireTypeOf(field: FieldSchema): number {
  if (field.message || field.mapKey) return 2;
  if (field.enum) return 0;
  return WIRE_TYPE[field.scalar!];
}

function readValue(r: Reader, field: FieldSchema, end: number, depth: number): unknown {
  if (field.message) {
    const messageEnd = lengthDelimitedEnd(r, end);
    const message = readMessage(r, messageType(field.message), messageEnd, depth + 1);
    return message;
  }
  if (field.enum) return readVarint32(r, end) | 0;
  switch (field.scalar!) {
    case 'int32':
      return readVarint32(r, end) | 0;
    case 'uint32':
      return readVarint32(r, end) >>> 0;
    case 'sint32': {
      const n = readVarint32(r, end);
      return ((n >>> 1) ^ -(n & 1)) | 0;
    }
    case 'bool':
      return readVarint64(r, end) !== null;
    case 'int64':
    case 'uint64':
    case 'sint64': {
      const [low, high] = readVarint64(r, end) ?? [0, 0];
      if (field.scalar === 'sint64') {
        const mask = -(low & 1);
        return Long.fromBits(((low >>> 1) | (high << 31)) ^ mask, (high >>> 1) ^ mask, false);
      }
      return Long.fromBits(low, high, field.scalar === 'uint64');
    }
    case 'fixed32':
      return r.buf.readUInt32LE(advance(r, 4, end));
    case 'sfixed32':
      return r.buf.readInt32LE(advance(r, 4, end));
    case 'float':
      return r.buf.readFloatLE(advance(r, 4, end));
    case 'fixed64':
    case 'sfixed64': {
      const at = advance(r, 8, end);
      return Long.fromBits(r.buf.readInt32LE(at), r.buf.readInt32LE(at + 4), field.scalar === 'fixed64');
    }
    case 'double':
      return r.buf.readDoubleLE(advance(r, 8, end));
    case 'string': {
      const stringEnd = lengthDelimitedEnd(r, end);
      const text = r.buf.toString('utf8', r.pos, stringEnd);
      r.pos = stringEnd;
      return text;
    }
    case 'bytes': {
      const bytesEnd = lengthDelimitedEnd(r, end);
      const bytes = r.buf.subarray(r.pos, bytesEnd);
      r.pos = bytesEnd;
      return bytes;
    }
  }
}

/** Moves past `size` bytes and returns where they start. */
function advance(r: Reader, size: number, end: number): number {
  const at = r.pos;
  if (at + size > end) throw truncated(r);
  r.pos = at + size;
  return at;
}

/** Reads a length prefix; returns where the delimited bytes end. */
function lengthDelimitedEnd(r: Reader, end: number): number {
  const length = readVarint32(r, end) >>> 0;
  const contentEnd = r.pos + length;
  if (contentEnd > end) throw truncated(r);
  return contentEnd;
}

function truncated(r: Reader): WireError {
  return new WireError(`data ends early (at byte ${r.pos} of ${r.buf.length})`);
}

/** A varint's low 32 bits (what int32, uint32 and enums keep of it). */
function readVarint32(r: Reader, end: number): number {
  const buf = r.buf;
  let value = 0;
  let shift = 0;
  for (let i = 0; i < 10; i++) {
    if (r.pos >= end) throw truncated(r);
    const byte = buf[r.pos++]!;
    if (shift < 32) value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
  throw new WireError(`a varint longer than 10 bytes at byte ${r.pos}`);
}

/** A varint as [low, high] 32-bit halves, or null when it is zero (so bool reads stay cheap). */
function readVarint64(r: Reader, end: number): [number, number] | null {
  const buf = r.buf;
  let low = 0;
  let high = 0;
  for (let i = 0; i < 10; i++) {
    if (r.pos >= end) throw truncated(r);
    const byte = buf[r.pos++]!;
    const bits = byte & 0x7f;
    if (i < 4) low |= bits << (7 * i);
    else if (i === 4) {
      low |= bits << 28;
      high |= bits >>> 4;
    } else high |= bits << (7 * i - 32);
    if (byte < 0x80) return low === 0 && high === 0 ? null : [low, high];
  }
  throw new WireError(`a varint longer than 10 bytes at byte ${r.pos}`);
}

function skipField(r: Reader, wire: number, end: number, depth: number): void {
  switch (wire) {
    case 0:
      readVarint64(r, end);
      return;
    case 1:
      advance(r, 8, end);
      return;
    case 2:
      r.pos = lengthDelimitedEnd(r, end);
      return;
    case 3: {
      // A proto2 group: skip fields until its end tag.
      if (depth > MAX_DEPTH) throw new WireError('groups nested too deeply');
      for (;;) {
        const tag = readVarint32(r, end);
        if ((tag & 7) === 4) return;
        skipField(r, tag & 7, end, depth + 1);
      }
    }
    case 5:
      advance(r, 4, end);
      return;
    default:
      throw new WireError(`invalid wire type ${wire} at byte ${r.pos}`);
  }
}
