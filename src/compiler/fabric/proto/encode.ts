// Message objects -> protobuf wire format, deterministic like Go's `proto.MarshalOptions{Deterministic: true}`:
// fields in number order, proto3 defaults left out (a oneof member is written whenever set), map entries in key
// order, unknown fields kept from decoding written last. One message always gives the same bytes, which is what
// lets several organizations sign one update.
import Long from 'long';
import { CodecError, joinPath } from './codec-error.js';
import { mapEntryFields, type ProtoMessage } from './decode.js';
import { type FieldSchema, type MessageSchema, messageType, type ScalarType, WIRE_TYPE } from './schema.js';

export function encodeWire(type: MessageSchema, message: ProtoMessage): Uint8Array {
  const writer = new Writer();
  writeMessage(writer, type, message, '');
  return writer.finish();
}

/**
 * The scratch buffer of the last finished Writer, for the next one. A channel config holds thousands of small
 * messages encoded one by one: allocating a fresh scratch buffer for each cost more than writing them.
 */
let spare: Buffer | undefined;

/** A growing buffer; a length-delimited part is written in place and its length prefix inserted afterwards. */
class Writer {
  buf: Buffer;
  len = 0;

  constructor() {
    this.buf = spare ?? Buffer.allocUnsafe(4096);
    spare = undefined;
  }

  reserve(size: number): void {
    if (this.len + size <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + size));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  varint32(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v > 0x7f) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }

  varint64(low: number, high: number): void {
    this.reserve(10);
    let lo = low >>> 0;
    let hi = high >>> 0;
    while (hi > 0 || lo > 0x7f) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.len++] = lo;
  }

  tag(id: number, wire: number): void {
    this.varint32(((id << 3) | wire) >>> 0);
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** Starts a length-delimited part; pass the result to `endDelimited`. */
  startDelimited(): number {
    return this.len;
  }

  endDelimited(start: number): void {
    const length = this.len - start;
    let prefix = 1;
    while (length >>> (7 * prefix) !== 0 && prefix < 5) prefix++;
    this.reserve(prefix);
    this.buf.copyWithin(start + prefix, start, this.len);
    const end = this.len + prefix;
    this.len = start;
    this.varint32(length);
    this.len = end;
  }

  /** The bytes written, in a buffer of their own; the scratch buffer goes back for the next Writer. */
  finish(): Uint8Array {
    const bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.len).slice();
    spare = this.buf;
    return bytes;
  }
}

function writeMessage(w: Writer, type: MessageSchema, message: ProtoMessage, path: string): void {
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    throw new CodecError(`expected a ${type.name} message`, path);
  for (const field of type.fields) {
    if (!Object.hasOwn(message, field.name)) continue;
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.mapKey) writeMap(w, field, value, path);
    else if (field.repeated) writeList(w, field, value, path);
    else if (field.message) {
      w.tag(field.id, 2);
      const start = w.startDelimited();
      writeMessage(w, messageType(field.message), value as ProtoMessage, joinPath(path, field.name));
      w.endDelimited(start);
    } else if (field.oneof !== undefined || !isDefault(field, value)) {
      writeScalar(w, field, value, joinPath(path, field.name));
    }
  }
  if (Object.hasOwn(message, '$unknowns')) for (const raw of message.$unknowns as Uint8Array[]) w.raw(raw);
}

function writeList(w: Writer, field: FieldSchema, value: unknown, path: string): void {
  const fieldPath = joinPath(path, field.name);
  if (!Array.isArray(value)) throw new CodecError('expected a list', fieldPath);
  if (value.length === 0) return;
  if (field.packed) {
    w.tag(field.id, 2);
    const start = w.startDelimited();
    for (let i = 0; i < value.length; i++) writeBare(w, field, value[i], joinPath(fieldPath, i));
    w.endDelimited(start);
    return;
  }
  for (let i = 0; i < value.length; i++) {
    if (field.message) {
      w.tag(field.id, 2);
      const start = w.startDelimited();
      writeMessage(w, messageType(field.message), value[i] as ProtoMessage, joinPath(fieldPath, i));
      w.endDelimited(start);
    } else writeScalar(w, field, value[i], joinPath(fieldPath, i));
  }
}

function writeMap(w: Writer, field: FieldSchema, value: unknown, path: string): void {
  const fieldPath = joinPath(path, field.name);
  if (typeof value !== 'object' || Array.isArray(value)) throw new CodecError('expected a map', fieldPath);
  const map = value as ProtoMessage;
  const { keyField, valueField } = mapEntryFields(field);
  for (const key of Object.keys(map).sort(mapKeyOrder(field.mapKey!))) {
    const entryPath = joinPath(fieldPath, key);
    w.tag(field.id, 2);
    const entry = w.startDelimited();
    // Go writes both halves of every entry, defaults included.
    writeScalar(w, keyField, field.mapKey === 'bool' ? key === 'true' : key, entryPath);
    const item = map[key];
    if (field.message) {
      w.tag(2, 2);
      const start = w.startDelimited();
      writeMessage(w, messageType(field.message), (item ?? {}) as ProtoMessage, entryPath);
      w.endDelimited(start);
    } else writeScalar(w, valueField, item, entryPath);
    w.endDelimited(entry);
  }
}

function mapKeyOrder(keyType: ScalarType): (a: string, b: string) => number {
  if (keyType === 'string') return compareUtf8;
  if (keyType === 'bool') return (a, b) => (a === b ? 0 : a === 'false' ? -1 : 1);
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

function isDefault(field: FieldSchema, value: unknown): boolean {
  if (field.enum) return Number(value) === 0;
  switch (field.scalar) {
    case 'bool':
      return value === false;
    case 'string':
      return value === '';
    case 'bytes':
      return (value as Uint8Array).length === 0;
    case 'double':
    case 'float':
      return Object.is(value, 0);
    default:
      if (typeof value === 'object') return Long.fromValue(value as Long).isZero();
      return Number(value) === 0;
  }
}

function writeScalar(w: Writer, field: FieldSchema, value: unknown, path: string): void {
  const type = field.enum ? 'int32' : field.scalar!;
  w.tag(field.id, WIRE_TYPE[type]);
  writeBare(w, field, value, path);
}

/** A value without its tag. */
function writeBare(w: Writer, field: FieldSchema, value: unknown, path: string): void {
  const type = field.enum ? 'int32' : field.scalar!;
  switch (type) {
    case 'int32': {
      const n = integer(value, path);
      // Negative int32 values take ten bytes, sign-extended, as in Go.
      if (n < 0) w.varint64(n, -1);
      else w.varint32(n);
      return;
    }
    case 'uint32':
      w.varint32(integer(value, path));
      return;
    case 'sint32': {
      const n = integer(value, path);
      w.varint32((n << 1) ^ (n >> 31));
      return;
    }
    case 'bool':
      if (typeof value !== 'boolean') throw new CodecError(`expected true or false, got ${typeof value}`, path);
      w.varint32(value ? 1 : 0);
      return;
    case 'int64':
    case 'uint64': {
      const long = toLong(value, path);
      w.varint64(long.low, long.high);
      return;
    }
    case 'sint64': {
      const long = toLong(value, path);
      const zigzag = long.shiftLeft(1).xor(long.shiftRight(63));
      w.varint64(zigzag.low, zigzag.high);
      return;
    }
    case 'fixed32':
    case 'sfixed32':
    case 'float':
      w.reserve(4);
      if (type === 'float') w.buf.writeFloatLE(Number(value), w.len);
      else w.buf.writeInt32LE(integer(value, path) | 0, w.len);
      w.len += 4;
      return;
    case 'fixed64':
    case 'sfixed64':
    case 'double':
      w.reserve(8);
      if (type === 'double') w.buf.writeDoubleLE(Number(value), w.len);
      else {
        const long = toLong(value, path);
        w.buf.writeInt32LE(long.low, w.len);
        w.buf.writeInt32LE(long.high, w.len + 4);
      }
      w.len += 8;
      return;
    case 'string': {
      if (typeof value !== 'string') throw new CodecError(`expected text, got ${typeof value}`, path);
      const size = Buffer.byteLength(value);
      w.varint32(size);
      w.reserve(size);
      w.len += w.buf.write(value, w.len, 'utf8');
      return;
    }
    case 'bytes': {
      if (!(value instanceof Uint8Array)) throw new CodecError(`expected bytes, got ${typeof value}`, path);
      w.varint32(value.length);
      w.raw(value);
      return;
    }
  }
}

function integer(value: unknown, path: string): number {
  const n = typeof value === 'object' && value !== null ? Long.fromValue(value as Long).toInt() : Number(value);
  if (!Number.isInteger(n)) throw new CodecError(`expected an integer, got ${String(value)}`, path);
  return n;
}

function toLong(value: unknown, path: string): Long {
  try {
    if (typeof value === 'bigint') return Long.fromString(value.toString());
    if (typeof value === 'number' && !Number.isInteger(value)) throw new Error();
    return Long.fromValue(value as Long | number | string);
  } catch {
    throw new CodecError(`expected a 64-bit integer, got ${String(value)}`, path);
  }
}
