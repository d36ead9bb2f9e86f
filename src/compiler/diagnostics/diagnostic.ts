// A diagnostic is data: stages collect them and return them; only the CLI turns them into text and exit codes.
// Ranges are character offsets into a source text; line and column are computed when a diagnostic is printed.
import type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

export interface SourceRange {
  /** The file as the user named it (relative paths stay relative, so output matches what they typed). */
  file: string;
  /** Offsets into the file's text, end exclusive. */
  start: number;
  end: number;
  /**
   * Line and column already resolved from the file's text, for a finding printed where that text is not at hand (a
   * verify report read back from JSON). The printer prefers the text when it has it.
   */
  position?: Position;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** The first range is the primary location; further ones point at related places (e.g. the first definition). */
  ranges: SourceRange[];
}

/** What every stage returns: a value when it could make one, and everything it found on the way. */
export interface StageResult<T> {
  value: T | undefined;
  diagnostics: Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function fileRange(file: string): SourceRange {
  return { file, start: 0, end: 0 };
}
