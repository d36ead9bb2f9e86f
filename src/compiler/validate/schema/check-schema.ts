// The schema check: runs the precompiled JSON Schema validator on the parsed data and turns each of its errors
// into a diagnostic at the offending key or value, one per mistake, in the order they appear in the file.
import type { Diagnostic } from '../../diagnostics/index.js';
import type { ParsedSpec } from '../../parse/index.js';
import { mapSchemaError } from './map-error.js';
import { networkSchema, runSchemaValidator } from './precompiled-validator.js';
import { pruneErrors } from './prune-errors.js';

export function checkSchema(parsed: ParsedSpec): Diagnostic[] {
  const errors = runSchemaValidator(parsed.data);
  if (errors.length === 0) return [];
  const diagnostics = pruneErrors(errors, parsed.data).map((error) => mapSchemaError(error, parsed, networkSchema));
  return sortByPosition(deduplicate(diagnostics));
}

/** The same mistake reached twice (a shared anchor, two paths to one node) is reported once. */
function deduplicate(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const [primary] = diagnostic.ranges;
    const key = `${diagnostic.code}\u0000${primary?.start}\u0000${primary?.end}\u0000${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.ranges[0]?.start ?? 0) - (b.ranges[0]?.start ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
