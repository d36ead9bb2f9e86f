// Parse stage: a spec file on disk -> its text and a YAML document that remembers where every node came from.
// Refuses what is not a sane YAML text (missing, huge, binary, empty, alias bombs, prototype keys).
import type { StageResult } from '../diagnostics/index.js';
import { type ParsedSpec, parseYaml } from './parse-yaml.js';
import { decodeSource, readSource } from './read-source.js';

export { type DataPath, type LocateTarget, locate } from './locate.js';
export { type ParsedSpec, parseYaml } from './parse-yaml.js';
export { decodeSource, MAX_SPEC_BYTES, readSource, type SpecSource } from './read-source.js';

/**
 * `bytes`: the file's content as read elsewhere (a spec as committed at another revision); else read from disk.
 * The result carries the bytes it read, so a caller that hashes the spec does not read the file again.
 */
export function parseSpecFile(
  file: string,
  bytes?: Uint8Array,
): StageResult<ParsedSpec> & { text?: string; bytes?: Uint8Array } {
  const source = bytes === undefined ? readSource(file) : decodeSource(file, bytes);
  if (source.value === undefined) return { value: undefined, diagnostics: source.diagnostics };
  return { ...parseYaml(file, source.value.text), text: source.value.text, bytes: source.value.bytes };
}
