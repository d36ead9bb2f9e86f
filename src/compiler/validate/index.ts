// Validate stage: a parsed spec -> the same spec typed as NetworkSpec, or the reasons it is not one.
// First the JSON Schema (shape), then the semantic rules (meaning), which only run on a well-shaped spec.
import { dirname } from 'node:path';
import type { Diagnostic, StageResult } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import type { NetworkSpec } from '../model/spec.js';
import type { ParsedSpec } from '../parse/index.js';
import { createRuleContext } from './rule-context.js';
import { SPECIFIED_RULES } from './rules/specified-rules.js';
import { checkSchema } from './schema/check-schema.js';

export type { Finding, Rule, RuleContext } from './rule-context.js';

export function validateSpec(parsed: ParsedSpec): StageResult<NetworkSpec> {
  const diagnostics: Diagnostic[] = checkSchema(parsed);
  if (hasErrors(diagnostics)) return { value: undefined, diagnostics };
  const spec = parsed.data as NetworkSpec;
  const ctx = createRuleContext(spec, parsed, dirname(parsed.file), diagnostics);
  for (const rule of SPECIFIED_RULES) rule(ctx);
  return { value: hasErrors(diagnostics) ? undefined : spec, diagnostics };
}
