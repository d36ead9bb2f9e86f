// Build step: parse the Fabric .proto files shipped in `fabric-protos` once, with protobufjs 8, and write the
// result as a JSON descriptor. At run time netspec loads that descriptor with protobufjs/light (no .proto parser),
// which keeps `netspec compute-update` start-up short. The descriptor is generated, never committed.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const protoDir = join(root, 'node_modules/fabric-protos/protos');
const listFile = join(root, 'src/compiler/fabric/proto/proto-files.json');
const targets = [
  join(root, 'src/compiler/fabric/proto/generated/fabric-protos.json'),
  // tsc does not copy unreferenced JSON, so the built CLI gets its own copy next to dist/.../load-root.js.
  join(root, 'dist/compiler/fabric/proto/generated/fabric-protos.json'),
];

const files = JSON.parse(readFileSync(listFile, 'utf8'));
const fabric = new protobuf.Root();
// google/protobuf/* resolve to the copies bundled with protobufjs; everything else to fabric-protos.
fabric.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(protoDir, target));
fabric.loadSync(files, { keepCase: true });
fabric.resolveAll();
const text = JSON.stringify(fabric.toJSON());
for (const target of targets) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
copyFileSync(listFile, join(root, 'dist/compiler/fabric/proto/proto-files.json'));
