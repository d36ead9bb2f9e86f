// How commands talk to the user: diagnostics in the agreed format, colour only on a terminal,
// and files written atomically (a temporary file renamed into place, so nothing is ever half-written).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type Diagnostic,
  diagnosticToJson,
  formatDiagnosticText,
  type SourceTexts,
} from '../compiler/diagnostics/index.js';

export type ReportFormat = 'text' | 'markdown' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'json'];

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export function sourcesOf(entries: Record<string, string | undefined>): SourceTexts {
  return { get: (file) => entries[file] };
}

export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: SourceTexts,
  format: ReportFormat,
): string {
  if (format === 'json')
    return JSON.stringify(
      diagnostics.map((d) => diagnosticToJson(d, sources)),
      null,
      2,
    );
  const color = format === 'text' && useColor();
  return diagnostics
    .map((d) => {
      const line = formatDiagnosticText(d, sources);
      if (format === 'markdown') return `- \`${line.split('\n')[0]}\`${d.hint ? `\n  - ${d.hint}` : ''}`;
      if (!color) return line;
      const paint = d.severity === 'error' ? '\u001b[31m' : '\u001b[33m';
      return line.replace(` ${d.severity} `, ` ${paint}${d.severity}\u001b[0m `);
    })
    .join('\n');
}

/** Write bytes to `file` through a temporary sibling and a rename: readers never see a partial file. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(temp, data, mode === undefined ? undefined : { mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** `--output <file>` or stdout: the single-artifact commands all share this. */
export function emit(data: string | Uint8Array, output: string | undefined): void {
  if (output) writeFileAtomic(output, data);
  else process.stdout.write(data);
}

/** A user-facing failure that is not tied to a spec position (bad flag value, unreadable input file). */
export class UserError extends Error {}
