// The front half of every command: a network.yaml path -> a parsed, validated spec, or the diagnostics.
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
}

export interface LoadResult extends StageResult<LoadedSpec> {
  /** The source text when it could be read, so diagnostics can be printed with line and column. */
  text: string | undefined;
}

export function loadSpec(file: string): LoadResult {
  const parsed = parseSpecFile(file);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics, text: parsed.text };
  const validated = validateSpec(parsed.value);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...validated.diagnostics];
  const ok = validated.value !== undefined && !hasErrors(diagnostics);
  const spec = validated.value;
  return {
    value: ok && spec ? { parsed: parsed.value, spec, model: normalize(spec, dirname(resolve(file))) } : undefined,
    diagnostics,
    text: parsed.value.text,
  };
}
