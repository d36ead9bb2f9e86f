// The yaml package, loaded on first use. Only a spec the quick reader refuses (it is then parsed the careful way),
// a finding that must point at its source position, and the commands that read or write YAML documents
// (manifests, connection profiles, the console's edits) need it: loading it with every spec command cost
// `netspec validate` of a valid spec about 6% of its CPU. The CLI bundle swaps this module for one that loads the
// package from a single file built beside the bundle (scripts/bundle-cli.mjs); run from source or dist/, it is the
// package itself.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlPackage(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
