// Placeholder until the precompiled schema validator lands: accepts every shape.
import type { Diagnostic } from '../../diagnostics/index.js';
import type { ParsedSpec } from '../../parse/index.js';

export function checkSchema(_parsed: ParsedSpec): Diagnostic[] {
  return [];
}
