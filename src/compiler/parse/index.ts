// Parse stage: a spec file on disk -> its text and a YAML document that remembers where every node came from.
// Refuses what is not a sane YAML text (missing, huge, binary, empty, alias bombs, prototype keys).
import type { StageResult } from '../diagnostics/index.js';
import { type ParsedSpec, parseYaml } from './parse-yaml.js';
import { readSource } from './read-source.js';

export { type DataPath, type LocateTarget, locate } from './locate.js';
export { type ParsedSpec, parseYaml } from './parse-yaml.js';
export { decodeSource, MAX_SPEC_BYTES, readSource } from './read-source.js';

export function parseSpecFile(file: string): StageResult<ParsedSpec> & { text?: string } {
  const source = readSource(file);
  if (source.value === undefined) return { value: undefined, diagnostics: source.diagnostics };
  return { ...parseYaml(file, source.value), text: source.value };
}
