// The JSON shapes the codec reads and writes, and the scalar conversions shared by both directions.
import Long from 'long';
import { CodecError } from '../proto/codec-error.js';
import { SIXTY_FOUR_BIT, UNSIGNED } from '../proto/schema.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const THIRTY_TWO_BIT = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

/** A protobuf scalar as configtxlator prints it: 64-bit integers as decimal strings, empty bytes as null. */
export function scalarToJson(type: string, value: unknown, inList: boolean): Json {
  if (SIXTY_FOUR_BIT.has(type)) return String(value ?? 0);
  if (type === 'bytes') {
    const bytes = value as Uint8Array | undefined;
    // Go leaves an absent bytes field nil, which encoding/json prints as null; list elements are never nil.
    if (!inList && (!bytes || bytes.length === 0)) return null;
    if (!bytes) return '';
    // A view, not a copy: certificates make up most of a config.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  if (type === 'float' || type === 'double') {
    const n = Number(value ?? 0);
    return Number.isFinite(n) ? n : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  }
  if (type === 'bool') return Boolean(value);
  if (type === 'string') return (value as string | undefined) ?? '';
  return Number(value ?? 0);
}

/** The inverse of scalarToJson, accepting what protojson accepts (numbers as strings, URL-safe base64). */
export function scalarFromJson(type: string, json: Json, path: string): unknown {
  if (type === 'string') {
    if (typeof json !== 'string') throw new CodecError(`expected a string, got ${describe(json)}`, path);
    return json;
  }
  if (type === 'bool') {
    if (typeof json !== 'boolean') throw new CodecError(`expected true or false, got ${describe(json)}`, path);
    return json;
  }
  if (type === 'bytes') {
    if (typeof json !== 'string' || !/^[A-Za-z0-9+/\-_]*={0,2}$/.test(json))
      throw new CodecError(`expected base64 bytes, got ${describe(json)}`, path);
    // Node reads URL-safe base64 as well; the Buffer is the bytes (no second copy into a plain Uint8Array).
    return Buffer.from(json, 'base64');
  }
  if (type === 'float' || type === 'double') {
    if (typeof json === 'number') return json;
    if (json === 'NaN' || json === 'Infinity' || json === '-Infinity') return Number(json);
    if (typeof json === 'string' && json.trim() !== '' && Number.isFinite(Number(json))) return Number(json);
    throw new CodecError(`expected a number, got ${describe(json)}`, path);
  }
  const small = smallIntegerFromJson(type, json, path);
  if (small !== undefined) return small;
  const text = typeof json === 'number' ? (Number.isInteger(json) ? BigInt(json).toString() : '') : json;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text))
    throw new CodecError(`expected an integer (${type}), got ${describe(json)}`, path);
  const big = BigInt(text);
  const unsigned = UNSIGNED.has(type);
  const bits = THIRTY_TWO_BIT.has(type) ? 32n : 64n;
  const min = unsigned ? 0n : -(1n << (bits - 1n));
  const max = unsigned ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n;
  if (big < min || big > max) throw new CodecError(`${text} is out of range for ${type}`, path);
  if (bits === 32n) return Number(big);
  return Long.fromString(text, unsigned);
}

/**
 * An integer given as a safe JavaScript number or a short decimal string (what configs hold almost always),
 * range-checked without BigInt; undefined for anything else, which the general path reads.
 */
function smallIntegerFromJson(type: string, json: Json, path: string): number | Long | undefined {
  const n =
    typeof json === 'number' ? json : typeof json === 'string' && /^-?\d{1,15}$/.test(json) ? Number(json) : Number.NaN;
  if (!Number.isSafeInteger(n)) return undefined;
  const text = typeof json === 'string' ? json : String(n);
  const unsigned = UNSIGNED.has(type);
  if (THIRTY_TWO_BIT.has(type)) {
    const min = unsigned ? 0 : -0x80000000;
    const max = unsigned ? 0xffffffff : 0x7fffffff;
    if (n < min || n > max) throw new CodecError(`${text} is out of range for ${type}`, path);
    return n + 0; // -0 reads as 0
  }
  if (unsigned && n < 0) throw new CodecError(`${text} is out of range for ${type}`, path);
  return Long.fromNumber(n, unsigned);
}

export function describe(json: Json | undefined): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  if (typeof json === 'object') return 'an object';
  return typeof json === 'string' ? `"${json.length > 40 ? `${json.slice(0, 40)}...` : json}"` : String(json);
}

/** google.protobuf.Timestamp as RFC 3339, with 0, 3, 6 or 9 fractional digits like protojson. */
export function timestampToJson(message: { seconds?: unknown; nanos?: unknown }): string {
  const seconds = Number(String(message.seconds ?? 0));
  const nanos = Number(message.nanos ?? 0);
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  if (nanos === 0) return `${base}Z`;
  const digits = String(nanos).padStart(9, '0');
  const fraction = nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1000 === 0 ? digits.slice(0, 6) : digits;
  return `${base}.${fraction}Z`;
}

export function timestampFromJson(json: Json, path: string): { seconds: unknown; nanos: number } {
  const match =
    typeof json === 'string' ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(json) : null;
  const millis = match ? Date.parse(`${match[1]}${match[3]}`) : Number.NaN;
  if (!match || Number.isNaN(millis))
    throw new CodecError(`expected an RFC 3339 timestamp, got ${describe(json)}`, path);
  const nanos = Number((match[2] ?? '').padEnd(9, '0'));
  return { seconds: Long.fromNumber(millis / 1000), nanos };
}
