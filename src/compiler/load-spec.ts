// The front half of every command: a network.yaml path -> a parsed, validated spec, or the diagnostics.
// parse -> validate (schema, then rules) -> model, in that order: normalize runs only on a spec every rule passed.
import { dirname, resolve } from 'node:path';
import { type Diagnostic, hasErrors, type StageResult } from './diagnostics/index.js';
import { type NetworkModel, normalize } from './model/index.js';
import type { NetworkSpec } from './model/spec.js';
import { type ParsedSpec, parseSpecFile } from './parse/index.js';
import { validateSpec } from './validate/index.js';

export interface LoadedSpec {
  parsed: ParsedSpec;
  spec: NetworkSpec;
  /** The spec with defaults filled in: what every later stage reads. */
  model: NetworkModel;
  /** The exact bytes the spec was read from: what a plan hashes, so the file is read once. */
  bytes: Uint8Array;
}

export interface LoadResult extends StageResult<LoadedSpec> {
  /** The source text when it could be read, so diagnostics can be printed with line and column. */
  text: string | undefined;
}

export interface LoadOptions {
  /** The spec's bytes as read elsewhere (committed at another revision); the file is then not read. */
  bytes?: Uint8Array;
}

export function loadSpec(file: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseSpecFile(file, options.bytes);
  if (!parsed.value || !parsed.bytes) return { value: undefined, diagnostics: parsed.diagnostics, text: parsed.text };
  const validated = validateSpec(parsed.value);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...validated.diagnostics];
  const spec = validated.value;
  if (!spec || hasErrors(diagnostics)) return { value: undefined, diagnostics, text: parsed.value.text };
  const model = normalize(spec, dirname(resolve(file)));
  return { value: { parsed: parsed.value, spec, model, bytes: parsed.bytes }, diagnostics, text: parsed.value.text };
}
