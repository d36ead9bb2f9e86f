// Where netspec's own files (schema/, templates/, the generated protobuf descriptor) live. Code runs from src/
// (tests), dist/ (tsc output) or the bundle in dist/cli-bundle/, so no fixed `../..` is right everywhere: walk up to
// the package.json that names netspec.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'netspec') {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('netspec: cannot find its own package.json above its code');
    dir = parent;
  }
}
