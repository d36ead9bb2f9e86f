// A finding about something other than a position in the spec — a bundle file, a signature, a node's answer — as
// governance and apply report it: a code from the one catalogue, a severity, and the file it is about when there is
// one. It prints with the compiler's formatter, so `verify`, `sign` and `apply` read like `validate`.
import type { DiagnosticCode } from './codes.js';
import { type Diagnostic, fileRange, type Severity } from './diagnostic.js';

export interface Problem {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** The file the problem is about, as the user named it (a bundle file under the bundle folder they gave). */
  file?: string;
}

/** An error problem; a warning says so in `details`. */
export function problem(
  code: DiagnosticCode,
  message: string,
  details: { hint?: string | undefined; file?: string | undefined; severity?: Severity } = {},
): Problem {
  return {
    code,
    severity: details.severity ?? 'error',
    message,
    ...(details.hint ? { hint: details.hint } : {}),
    ...(details.file !== undefined ? { file: details.file } : {}),
  };
}

/** The same problem as a diagnostic, pointing at its whole file (or at nothing when it names none). */
export function problemDiagnostic(found: Problem): Diagnostic {
  return {
    code: found.code,
    severity: found.severity,
    message: found.message,
    ...(found.hint ? { hint: found.hint } : {}),
    ranges: found.file === undefined ? [] : [fileRange(found.file)],
  };
}
