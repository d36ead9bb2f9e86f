// The spec loader (YAML parsers, schema validator, rules) is loaded when a command first reads a spec: `--help`,
// a command's own help and the commands that read no spec never pay for it.
import type { LoadOptions, LoadResult } from '../compiler/load-spec.js';

export async function loadSpecFile(file: string, options?: LoadOptions): Promise<LoadResult> {
  const { loadSpec } = await import('../compiler/load-spec.js');
  return loadSpec(file, options);
}
