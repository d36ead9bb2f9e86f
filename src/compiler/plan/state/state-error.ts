// Problems with the live state folder are reported against the state file, never the spec.
import { type Diagnostic, type DiagnosticCode, fileRange } from '../../diagnostics/index.js';

export function stateError(file: string, message: string, code: DiagnosticCode = 'NS_STATE_INVALID'): Diagnostic {
  return { code, severity: 'error', message: `${file}: ${message}`, ranges: [fileRange(file)] };
}
