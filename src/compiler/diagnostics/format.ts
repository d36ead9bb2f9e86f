// Printing diagnostics: `file:line:col severity CODE message`, with the hint on the next line.
// Line/column are 1-based and computed from the source text only here, at print time. Every message and hint is
// scrubbed of private key material on the way out (key-material.ts), whichever stage wrote it.
import type { Diagnostic, Position, SourceRange } from './diagnostic.js';
import { scrubKeyMaterial } from './key-material.js';

export interface SourceTexts {
  get(file: string): string | undefined;
}

export function positionOf(text: string | undefined, offset: number): Position {
  if (text === undefined) return { line: 1, column: 1 };
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function formatLocation(range: SourceRange | undefined, sources: SourceTexts): string {
  if (!range) return '<unknown>';
  const { line, column } = startOf(range, sources.get(range.file));
  return `${range.file}:${line}:${column}`;
}

export function formatDiagnosticText(diagnostic: Diagnostic, sources: SourceTexts): string {
  const [primary, ...related] = diagnostic.ranges;
  const { message, hint } = printable(diagnostic, sources);
  // A finding about no file (a node's answer, the bundle as a whole) starts at its severity.
  const location = primary ? `${formatLocation(primary, sources)} ` : '';
  const lines = [`${location}${diagnostic.severity} ${diagnostic.code} ${message}`];
  if (hint) lines.push(`  hint: ${hint}`);
  for (const range of related) lines.push(`  see also: ${formatLocation(range, sources)}`);
  return lines.join('\n');
}

/** The JSON form (`--format json`): positions resolved, so consumers need not read the file. */
export function diagnosticToJson(diagnostic: Diagnostic, sources: SourceTexts): object {
  const { message, hint } = printable(diagnostic, sources);
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message,
    ...(hint ? { hint } : {}),
    ranges: diagnostic.ranges.map((range) => {
      const text = sources.get(range.file);
      const end = text === undefined && range.position ? range.position : positionOf(text, range.end);
      return { file: range.file, start: startOf(range, text), end };
    }),
  };
}

/** Where a range starts: from the file's text when the printer has it, else from the position it carries. */
function startOf(range: SourceRange, text: string | undefined): Position {
  return text === undefined && range.position ? range.position : positionOf(text, range.start);
}

/** Message and hint as they may be printed: no fragment of a private key in any file the diagnostic points into. */
function printable(diagnostic: Diagnostic, sources: SourceTexts): { message: string; hint?: string } {
  const files = [...new Set(diagnostic.ranges.map((range) => range.file))];
  const scrub = (text: string) =>
    files.reduce((out, file) => scrubKeyMaterial(out, sources.get(file)), scrubKeyMaterial(text, undefined));
  return { message: scrub(diagnostic.message), ...(diagnostic.hint ? { hint: scrub(diagnostic.hint) } : {}) };
}
