// The Fabric protobuf schema, loaded once and only when first needed. The build writes a JSON descriptor
// (scripts/build-proto-descriptor.mjs) that protobufjs/light reads without a .proto parser; when it is missing
// (a fresh checkout running the tests before any build) the .proto files in `fabric-protos` are parsed instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs/light.js';
import { packageRoot } from '../../../package-root.js';

// The generated files sit in the proto folder of src/ (tests) or dist/ (the CLI, bundled or not).
const protoFolders = ['src', 'dist'].map((top) => join(packageRoot(), top, 'compiler', 'fabric', 'proto'));
const here =
  protoFolders.find((folder) => existsSync(join(folder, 'generated', 'fabric-protos.json'))) ?? protoFolders[0]!;
const descriptorFile = join(here, 'generated', 'fabric-protos.json');

let cached: protobuf.Root | undefined;

export function fabricRoot(): protobuf.Root {
  if (!cached) {
    cached = existsSync(descriptorFile) ? loadDescriptor() : parseProtoFiles();
    cached.resolveAll();
  }
  return cached;
}

function loadDescriptor(): protobuf.Root {
  return protobuf.Root.fromJSON(JSON.parse(readFileSync(descriptorFile, 'utf8')));
}

function parseProtoFiles(): protobuf.Root {
  const require = createRequire(import.meta.url);
  const full = require('protobufjs') as typeof protobuf;
  const protoDir = join(dirname(require.resolve('fabric-protos/package.json')), 'protos');
  const files = JSON.parse(readFileSync(join(here, 'proto-files.json'), 'utf8')) as string[];
  const root = new full.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(protoDir, target));
  // keepCase: field names stay snake_case, exactly as configtxlator prints them.
  root.loadSync(files, { keepCase: true });
  return root;
}
