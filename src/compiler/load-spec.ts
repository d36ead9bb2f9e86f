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

export interface LoadOptions {
  /**
   * Called as soon as the spec has the schema's shape, with its model, before the semantic rules run: a caller
   * may start slow work on the model then, and must drop it when the load fails in the end. The model is the one
   * the load returns.
   */
  onModel?: (early: LoadedSpec) => void;
  /** The spec's bytes as read elsewhere (committed at another revision); the file is then not read. */
  bytes?: Uint8Array;
}

export function loadSpec(file: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseSpecFile(file, options.bytes);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics, text: parsed.text };
  const specDir = dirname(resolve(file));
  let early: LoadedSpec | undefined;
  const onShaped = options.onModel
    ? (spec: NetworkSpec) => {
        early = earlyModel(parsed.value!, spec, specDir);
        if (early) options.onModel!(early);
      }
    : undefined;
  const validated = validateSpec(parsed.value, onShaped);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...validated.diagnostics];
  const ok = validated.value !== undefined && !hasErrors(diagnostics);
  const spec = validated.value;
  return {
    value: ok && spec ? (early ?? { parsed: parsed.value, spec, model: normalize(spec, specDir) }) : undefined,
    diagnostics,
    text: parsed.value.text,
  };
}

/** The model of a well-shaped spec that may still break a rule, or nothing where such a spec trips normalize. */
function earlyModel(parsed: ParsedSpec, spec: NetworkSpec, specDir: string): LoadedSpec | undefined {
  try {
    return { parsed, spec, model: normalize(spec, specDir) };
  } catch {
    return undefined; // the rules will say what is wrong
  }
}
