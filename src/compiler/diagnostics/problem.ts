// A finding about something other than a position in the spec — a bundle file, a signature, a node's answer — as
// governance and apply report it: a code from the one catalogue, a severity, and the file it is about when there is
// one. It prints with the compiler's formatter, so `verify`, `sign` and `apply` read like `validate`. A finding about
// the spec (a safety guard's) also carries its line and column there: a position only says where to look, it never
// takes part in a verdict.
import type { DiagnosticCode } from './codes.js';
import { type Diagnostic, fileRange, type Position, type Severity } from './diagnostic.js';

export interface Problem {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** The file the problem is about, as the user named it (a bundle file under the bundle folder they gave). */
  file?: string;
  /** Where in `file` (1-based), when the problem is about one element of it; without it the whole file is meant. */
  position?: Position;
}

/** An error problem; a warning says so in `details`. */
export function problem(
  code: DiagnosticCode,
  message: string,
  details: { hint?: string | undefined; file?: string | undefined; position?: Position; severity?: Severity } = {},
): Problem {
  return {
    code,
    severity: details.severity ?? 'error',
    message,
    ...(details.hint ? { hint: details.hint } : {}),
    ...(details.file !== undefined ? { file: details.file } : {}),
    ...(details.file !== undefined && details.position ? { position: details.position } : {}),
  };
}

/** The same problem as a diagnostic, pointing at its position, else at its whole file (or at nothing). */
export function problemDiagnostic(found: Problem): Diagnostic {
  const range = found.file === undefined ? undefined : fileRange(found.file);
  return {
    code: found.code,
    severity: found.severity,
    message: found.message,
    ...(found.hint ? { hint: found.hint } : {}),
    ranges: range ? [found.position ? { ...range, position: found.position } : range] : [],
  };
}
