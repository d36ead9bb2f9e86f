// Build step: parse the Fabric .proto files shipped in `fabric-protos` once, with protobufjs 8, and write the
// schema netspec's codec reads at run time: every message with its fields already resolved to full type names,
// every enum and every gRPC service. Run time needs no .proto parser and no protobufjs at all, which keeps
// `netspec compute-update` start-up short. The schema is generated, never committed.
// fabric-protos 2.2 predates Fabric 3: the messages Fabric 3 added for BFT ordering are read from the code that
// `@hyperledger/fabric-protos` generates from the current .proto files (see _read-generated-js-messages.mjs).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { readEnum, readGeneratedFile, readMessage } from './_read-generated-js-messages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const protoDir = join(root, 'node_modules/fabric-protos/protos');
const listFile = join(root, 'src/compiler/fabric/proto/proto-files.json');
const targets = [
  join(root, 'src/compiler/fabric/proto/generated/fabric-schema.json'),
  // tsc does not copy unreferenced JSON, so the built CLI gets its own copy next to dist/.../schema.js.
  join(root, 'dist/compiler/fabric/proto/generated/fabric-schema.json'),
];

const files = JSON.parse(readFileSync(listFile, 'utf8'));
const fabric = new protobuf.Root();
// google/protobuf/* resolve to the copies bundled with protobufjs; everything else to fabric-protos.
fabric.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(protoDir, target));
// keepCase: field names stay snake_case, exactly as configtxlator prints them.
fabric.loadSync(files, { keepCase: true });
fabric.resolveAll();

const schema = { messages: {}, enums: {}, services: {} };
const fullName = (reflected) => reflected.fullName.slice(1);

function describeField(field) {
  const out = { name: field.name, id: field.id };
  if (field.resolvedType instanceof protobuf.Type) out.message = fullName(field.resolvedType);
  else if (field.resolvedType instanceof protobuf.Enum) out.enum = fullName(field.resolvedType);
  else out.scalar = field.type;
  if (field.map) out.mapKey = field.keyType;
  else if (field.repeated) {
    out.repeated = true;
    // proto3 packs repeated numeric fields unless told otherwise; strings, bytes and messages never pack.
    const packable = out.enum || (out.scalar && out.scalar !== 'string' && out.scalar !== 'bytes');
    if (packable && field.packed) out.packed = true;
  }
  // Members of a oneof (and proto3 `optional` fields) are written whenever set, even to their default.
  if (field.partOf) out.oneof = field.partOf.name;
  return out;
}

function visit(namespace) {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) {
      schema.messages[fullName(nested)] = nested.fieldsArray
        .slice()
        .sort((a, b) => a.id - b.id)
        .map(describeField);
    } else if (nested instanceof protobuf.Enum) {
      schema.enums[fullName(nested)] = nested.values;
    } else if (nested instanceof protobuf.Service) {
      schema.services[fullName(nested)] = nested.methodsArray.map((method) => ({
        name: method.name,
        requestStream: Boolean(method.requestStream),
        responseStream: Boolean(method.responseStream),
      }));
    }
    if (nested.nestedArray) visit(nested);
  }
}
visit(fabric);

// Fabric 3 additions, by generated file: the consenter set of a BFT channel (the `Orderers` value of the Orderer
// group) and SmartBFT's options (the ConsensusType metadata when the type is `BFT`).
const fabric3Dir = join(root, 'node_modules/@hyperledger/fabric-protos/lib');
const fabric3 = [
  { file: 'common/configuration_pb.js', messages: ['common.Orderers', 'common.Consenter'], enums: [] },
  {
    file: 'orderer/smartbft/configuration_pb.js',
    messages: ['orderer.smartbft.Options'],
    enums: ['orderer.smartbft.Options.Rotation'],
  },
];
for (const { file, messages, enums } of fabric3) {
  const source = readGeneratedFile(join(fabric3Dir, file));
  for (const name of messages) {
    const fields = readMessage(source, name);
    // A message fabric-protos 2.2 already has keeps its definition, so every Fabric 2.5 byte stays the same;
    // the build stops if the two sources disagree.
    if (schema.messages[name] && JSON.stringify(schema.messages[name]) !== JSON.stringify(fields)) {
      throw new Error(`${name}: fabric-protos and @hyperledger/fabric-protos disagree`);
    }
    schema.messages[name] ??= fields;
  }
  for (const name of enums) schema.enums[name] ??= readEnum(source, name);
}

const text = JSON.stringify(schema);
for (const target of targets) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
copyFileSync(listFile, join(root, 'dist/compiler/fabric/proto/proto-files.json'));
