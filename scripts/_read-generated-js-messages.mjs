// Build helper: read message and enum definitions out of the google-protobuf JavaScript that
// `@hyperledger/fabric-protos` generates from Fabric's current .proto files. That package ships no .proto
// files, only generated code, but the code is regular: each message's `serializeBinaryToWriter` writes every
// field with `writer.write<Type>(<field number>, …)` after reading it with `message.get<Name>()`, and each enum
// is an object literal. The file is read as text and never executed.
import { readFileSync } from 'node:fs';

// google-protobuf writer method → proto scalar type (the names protobufjs and netspec's schema use).
const WRITER_SCALARS = {
  Double: 'double',
  Float: 'float',
  Int32: 'int32',
  Int64: 'int64',
  Int64String: 'int64',
  Uint32: 'uint32',
  Uint64: 'uint64',
  Uint64String: 'uint64',
  Sint32: 'sint32',
  Sint64: 'sint64',
  Fixed32: 'fixed32',
  Fixed64: 'fixed64',
  Sfixed32: 'sfixed32',
  Sfixed64: 'sfixed64',
  Bool: 'bool',
  String: 'string',
  Bytes: 'bytes',
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// `getClientTlsCert` → `client_tls_cert`: protoc camel-cases snake_case names, and Fabric's names have no
// capitals or digits that would make the inverse ambiguous. Bytes fields are read with `get<Name>_asU8()` (the build fails below if a name does not round-trip).
function snakeCase(getterSuffix) {
  return getterSuffix.replace(/[A-Z]/g, (letter, at) => (at === 0 ? '' : '_') + letter.toLowerCase());
}

function camelCase(snake) {
  return snake.replace(/(^|_)([a-z0-9])/g, (_match, _underscore, letter) => letter.toUpperCase());
}

/** The fields of `messageName` (e.g. `common.Consenter`), in field-number order, in the build schema's form. */
export function readMessage(source, messageName) {
  const start = source.indexOf(`proto.${messageName}.serializeBinaryToWriter = function`);
  if (start < 0) throw new Error(`${messageName}: no serializeBinaryToWriter in the generated code`);
  const end = source.indexOf('\n};', start);
  const body = source.slice(start, end);
  const fields = [];
  const write =
    /f = message\.get(\w+?)(?:_asU8)?\(\);[\s\S]*?writer\.write(Repeated|Packed)?(\w+?)\(\s*(\d+),\s*f(?:,\s*proto\.([\w.]+)\.serializeBinaryToWriter)?/g;
  for (const match of body.matchAll(write)) {
    const [, getter, repetition, writerType, id, messageType] = match;
    const name = snakeCase(repetition === 'Repeated' || repetition === 'Packed' ? getter.replace(/List$/, '') : getter);
    if (camelCase(name) !== (repetition ? getter.replace(/List$/, '') : getter)) {
      throw new Error(`${messageName}: getter get${getter} does not name a snake_case field`);
    }
    const field = { name, id: Number(id) };
    if (writerType === 'Message') field.message = messageType;
    else if (writerType === 'Enum') field.enum = enumOfGetter(source, messageName, getter);
    else if (WRITER_SCALARS[writerType]) field.scalar = WRITER_SCALARS[writerType];
    else throw new Error(`${messageName}.${name}: unknown writer method write${repetition ?? ''}${writerType}`);
    if (repetition) field.repeated = true;
    if (repetition === 'Packed') field.packed = true;
    fields.push(field);
  }
  if (fields.length === 0) throw new Error(`${messageName}: no fields found in the generated code`);
  return fields.sort((a, b) => a.id - b.id);
}

// The getter's JSDoc cast names the enum: `return /** @type {!proto.orderer.smartbft.Options.Rotation} */ (…)`.
function enumOfGetter(source, messageName, getter) {
  const pattern = new RegExp(
    `proto\\.${escapeRegExp(messageName)}\\.prototype\\.get${getter} = function\\(\\) \\{\\s*return /\\*\\* @type \\{!proto\\.([\\w.]+)\\}`,
  );
  const match = source.match(pattern);
  if (!match) throw new Error(`${messageName}.get${getter}: enum type not found in the generated code`);
  return match[1];
}

/** The values of enum `enumName` (e.g. `orderer.smartbft.Options.Rotation`), name → number. */
export function readEnum(source, enumName) {
  const match = source.match(new RegExp(`proto\\.${escapeRegExp(enumName)} = \\{([^}]*)\\};`));
  if (!match) throw new Error(`${enumName}: enum not found in the generated code`);
  const values = {};
  for (const [, name, value] of match[1].matchAll(/(\w+):\s*(-?\d+)/g)) values[name] = Number(value);
  return values;
}

export function readGeneratedFile(path) {
  return readFileSync(path, 'utf8');
}
