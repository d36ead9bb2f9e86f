// The Fabric protobuf schema: every message, enum and gRPC service of the `fabric-protos` .proto files, as the
// build resolved them (scripts/build-proto-descriptor.mjs). Loaded once, when first needed, from one small JSON
// file: no .proto parser and no reflection library at run time, so the codec commands start fast.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Long from 'long';
import { packageRoot } from '../../../package-root.js';
import { didYouMean } from '../../diagnostics/index.js';
import { joinPath, UnknownTypeError } from './codec-error.js';

export type ScalarType =
  | 'double'
  | 'float'
  | 'int32'
  | 'uint32'
  | 'sint32'
  | 'fixed32'
  | 'sfixed32'
  | 'int64'
  | 'uint64'
  | 'sint64'
  | 'fixed64'
  | 'sfixed64'
  | 'bool'
  | 'string'
  | 'bytes';

/** One field; exactly one of `message`, `enum` and `scalar` is set (the value type; a map's value type). */
export interface FieldSchema {
  readonly name: string;
  readonly id: number;
  readonly message?: string;
  readonly enum?: string;
  readonly scalar?: ScalarType;
  /** Set for map fields: the key type. */
  readonly mapKey?: ScalarType;
  readonly repeated?: boolean;
  readonly packed?: boolean;
  /** The oneof the field belongs to: it is written whenever set, even to its default value. */
  readonly oneof?: string;
}

export interface MessageSchema {
  /** Full name without the leading dot, e.g. `common.ConfigGroup`. */
  readonly name: string;
  /** In field-number order, the order fields are written. */
  readonly fields: readonly FieldSchema[];
  readonly fieldByName: ReadonlyMap<string, FieldSchema>;
  readonly fieldById: ReadonlyMap<number, FieldSchema>;
}

export interface EnumSchema {
  readonly name: string;
  readonly values: Readonly<Record<string, number>>;
  readonly namesById: ReadonlyMap<number, string>;
}

export interface ServiceMethod {
  readonly name: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
}

interface SchemaFile {
  messages: Record<string, FieldSchema[]>;
  enums: Record<string, Record<string, number>>;
  services: Record<string, ServiceMethod[]>;
}

// The generated file sits in the proto folder of src/ (tests) or dist/ (the CLI, bundled or not).
function schemaFile(): string {
  const candidates = ['src', 'dist'].map((top) =>
    join(packageRoot(), top, 'compiler', 'fabric', 'proto', 'generated', 'fabric-schema.json'),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error('the Fabric protobuf schema is not built: run `npm run build`');
  return found;
}

let loaded: SchemaFile | undefined;
const messageCache = new Map<string, MessageSchema>();
const enumCache = new Map<string, EnumSchema>();

function schema(): SchemaFile {
  loaded ??= JSON.parse(readFileSync(schemaFile(), 'utf8')) as SchemaFile;
  return loaded;
}

function withoutDot(name: string): string {
  return name.startsWith('.') ? name.slice(1) : name;
}

/** The message type `common.Block` (a leading dot is accepted); a mistyped name gets a suggestion. */
export function messageType(name: string): MessageSchema {
  const key = withoutDot(name);
  const cached = messageCache.get(key);
  if (cached) return cached;
  const fields = Object.hasOwn(schema().messages, key) ? schema().messages[key] : undefined;
  if (!fields) throw new UnknownTypeError(`unknown message type '${key}'${didYouMean(key, messageTypeNames())}`, '');
  const type: MessageSchema = {
    name: key,
    fields,
    fieldByName: new Map(fields.map((field) => [field.name, field])),
    fieldById: new Map(fields.map((field) => [field.id, field])),
  };
  messageCache.set(key, type);
  return type;
}

export function enumType(name: string): EnumSchema {
  const key = withoutDot(name);
  const cached = enumCache.get(key);
  if (cached) return cached;
  const values = Object.hasOwn(schema().enums, key) ? schema().enums[key] : undefined;
  if (!values) throw new UnknownTypeError(`unknown enum type '${key}'`, '');
  const namesById = new Map<number, string>();
  // Aliases share a number; the first name is the one protojson prints.
  for (const [label, number] of Object.entries(values)) if (!namesById.has(number)) namesById.set(number, label);
  const type: EnumSchema = { name: key, values, namesById };
  enumCache.set(key, type);
  return type;
}

/** Every message type the schema defines, e.g. `common.ConfigUpdate`. */
export function messageTypeNames(): string[] {
  return Object.keys(schema().messages);
}

/** The methods of a gRPC service such as `orderer.AtomicBroadcast`. */
export function serviceMethods(name: string): readonly ServiceMethod[] {
  const methods = Object.hasOwn(schema().services, name) ? schema().services[name] : undefined;
  if (!methods) throw new UnknownTypeError(`unknown service '${name}'`, '');
  return methods;
}

/** The wire type each scalar is written with: varint 0, 64-bit 1, length-delimited 2, 32-bit 5. */
export const WIRE_TYPE: Readonly<Record<ScalarType, number>> = {
  int32: 0,
  uint32: 0,
  sint32: 0,
  int64: 0,
  uint64: 0,
  sint64: 0,
  bool: 0,
  fixed64: 1,
  sfixed64: 1,
  double: 1,
  string: 2,
  bytes: 2,
  fixed32: 5,
  sfixed32: 5,
  float: 5,
};

export const SIXTY_FOUR_BIT: ReadonlySet<string> = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
export const UNSIGNED: ReadonlySet<string> = new Set(['uint32', 'fixed32', 'uint64', 'fixed64']);

/** The value an unset field reads as: what proto3 defines, with Long zeros for 64-bit integers. */
export function defaultValue(field: FieldSchema): unknown {
  if (field.mapKey) return EMPTY_OBJECT;
  if (field.repeated) return EMPTY_ARRAY;
  if (field.message) return null;
  if (field.enum) return 0;
  switch (field.scalar) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'bytes':
      return EMPTY_BYTES;
    default:
      if (SIXTY_FOUR_BIT.has(field.scalar!)) return UNSIGNED.has(field.scalar!) ? Long.UZERO : Long.ZERO;
      return 0;
  }
}

const EMPTY_OBJECT = Object.freeze({});
const EMPTY_ARRAY = Object.freeze([]);
const EMPTY_BYTES = Buffer.alloc(0);

/**
 * A decoded field's value with `convert` applied to each element of a map or list (`inList` true), or to the value
 * itself. An absent map or list is an empty one.
 */
export function eachFieldItem<T>(
  field: FieldSchema,
  value: unknown,
  path: string,
  convert: (item: unknown, path: string, inList: boolean) => T,
): T | T[] | Record<string, T> {
  if (field.mapKey) {
    const out: Record<string, T> = {};
    for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>))
      out[key] = convert(item, joinPath(path, key), true);
    return out;
  }
  if (field.repeated)
    return ((value ?? []) as unknown[]).map((item, index) => convert(item, joinPath(path, index), true));
  return convert(value, path, false);
}
