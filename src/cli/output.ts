// How commands talk to the user: diagnostics in the agreed format, colour only on a terminal,
// and files written atomically (a temporary file renamed into place, so nothing is ever half-written).

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
import { atomicWriteFile } from '../atomic-write.js';
import {
  type Diagnostic,
  type DiagnosticCode,
  diagnosticToJson,
  formatDiagnosticText,
  type Problem,
  problemDiagnostic,
  type SourceTexts,
} from '../compiler/diagnostics/index.js';
import { fileProblemOf } from './file-errors.js';

export type ReportFormat = 'text' | 'markdown' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'json'];

/** `--format text|markdown|json`, as every reporting command takes it. */
export function formatOption(): Option {
  return new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text');
}

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

/** Governance's and apply's problems, printed as the compiler prints diagnostics (their files pointed at whole). */
export function renderProblems(problems: readonly Problem[], format: ReportFormat): string {
  return renderDiagnostics(problems.map(problemDiagnostic), sourcesOf({}), format);
}

/**
 * One failure not tied to a spec position, as the JSON diagnostics a script reads on stdout: `path`, when there is
 * one, is the file the failure is about.
 */
export function renderFailureJson(failure: FailureReport): string {
  return renderDiagnostics([failureDiagnostic(failure)], sourcesOf({}), 'json');
}

/** The same failure as text, as the compiler's formatter prints a diagnostic: `error CODE message`, then the hint. */
export function renderFailureText(failure: FailureReport): string {
  return renderDiagnostics([failureDiagnostic(failure)], sourcesOf({}), 'text');
}

interface FailureReport {
  code: DiagnosticCode;
  message: string;
  hint?: string;
  path?: string;
}

function failureDiagnostic(failure: FailureReport): Diagnostic {
  const diagnostic: Diagnostic = {
    code: failure.code,
    severity: 'error',
    message: failure.message,
    ...(failure.hint ? { hint: failure.hint } : {}),
    ranges: failure.path === undefined ? [] : [{ file: failure.path, start: 0, end: 0 }],
  };
  return diagnostic;
}

/**
 * A spec that does not load, for commands that stop there: JSON diagnostics on stdout when the command was asked
 * for JSON (a script reads stdout), else text on stderr. Returns the exit code.
 */
export function reportSpecFailure(diagnostics: readonly Diagnostic[], sources: SourceTexts, format: string): number {
  if (format === 'json') process.stdout.write(`${renderDiagnostics(diagnostics, sources, 'json')}\n`);
  else process.stderr.write(`${renderDiagnostics(diagnostics, sources, 'text')}\n`);
  return 1;
}

/** Write bytes to `file` atomically (src/atomic-write.ts); a file-system failure becomes a UserError naming `file`. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  try {
    atomicWriteFile(file, data, mode === undefined ? {} : { mode });
  } catch (error) {
    throw inPathContext(error, `cannot write ${file}`, file);
  }
}

/**
 * A file-system failure while netspec worked on `path` (a folder it creates, a temporary file beside it), as a
 * user error that names `path` first: the errno's own path is often a parent or a temporary the user never named.
 * Anything else is returned unchanged, to be rethrown.
 */
export function inPathContext(error: unknown, what: string, path: string): unknown {
  if (error instanceof UserError) return error;
  const problem = fileProblemOf(error);
  if (!problem) return error;
  const reason = problem.path === path ? problem.message.slice(path.length + 1) : problem.message;
  return new UserError(`${what}: ${reason}`, { code: problem.code, path });
}

/** `--output <file>` or stdout: the single-artifact commands all share this. */
export function emit(data: string | Uint8Array, output: string | undefined, flag = '--output'): void {
  if (output) {
    checkOutputFile(output, flag);
    writeFileAtomic(output, data);
  } else process.stdout.write(data);
}

/**
 * Refuses, before any work, an output file that cannot be one: a folder, or a path running through a file.
 * Commands call it as soon as they have parsed their flags, so a mistaken path costs nothing and writes nothing.
 */
export function checkOutputFile(path: string, flag: string): void {
  const kind = kindOf(path);
  if (kind === 'folder')
    throw new UserError(`${flag} ${path} is a folder; name a file to write`, { code: 'NS_PATH_WRONG_KIND', path });
  if (kind === 'missing') refuseUnderFile(path, flag);
}

/** Refuses an output folder that is a file or lies under one (it is created when missing). */
export function checkOutputFolder(path: string, flag: string): void {
  const kind = kindOf(path);
  if (kind === 'file')
    throw new UserError(`${flag} ${path} is a file; name a folder to write into`, {
      code: 'NS_PATH_WRONG_KIND',
      path,
    });
  if (kind === 'missing') refuseUnderFile(path, flag);
}

/** An input that must be an existing file (a key, a certificate, a spec). */
export function checkInputFile(path: string, flag: string): void {
  const kind = kindOf(path);
  if (kind === 'file') return;
  if (kind === 'folder')
    throw new UserError(`${flag} ${path} is a folder; name a file`, { code: 'NS_PATH_WRONG_KIND', path });
  throw new UserError(`${flag} ${path} does not exist`, { code: 'NS_PATH_MISSING', path });
}

/** An input that must be an existing folder (a state folder, a bundle). */
export function checkInputFolder(path: string, flag: string): void {
  const kind = kindOf(path);
  if (kind === 'folder') return;
  if (kind === 'file')
    throw new UserError(`${flag} ${path} is a file; name a folder`, { code: 'NS_PATH_WRONG_KIND', path });
  throw new UserError(`${flag} ${path} does not exist`, { code: 'NS_PATH_MISSING', path });
}

function refuseUnderFile(path: string, flag: string): void {
  for (let dir = dirname(resolve(path)); dirname(dir) !== dir; dir = dirname(dir)) {
    const kind = kindOf(dir);
    if (kind === 'folder') return;
    if (kind === 'file')
      throw new UserError(`${flag} ${path} lies under ${dir}, which is a file, not a folder`, {
        code: 'NS_PATH_WRONG_KIND',
        path,
      });
  }
}

function kindOf(path: string): 'file' | 'folder' | 'missing' | 'other' {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR' || (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'missing'
      : 'other';
  }
}

/**
 * A user-facing failure that is not tied to a spec position (bad flag value, unreadable input file). `path` names
 * the file or folder it is about, when there is one, so `--format json` can point at it.
 */
export class UserError extends Error {
  readonly code: DiagnosticCode;
  readonly path: string | undefined;
  readonly hint: string | undefined;
  /**
   * Whether the text form names the code, as a diagnostic does. A failure of the command line or of a file it
   * names reads as one `netspec:` line; a finding about the network (a node's answer) reads like `validate`'s.
   */
  readonly coded: boolean;
  constructor(
    message: string,
    details: { code?: DiagnosticCode | undefined; path?: string | undefined; hint?: string | undefined } = {},
  ) {
    super(message);
    this.code = details.code ?? 'NS_INPUT_INVALID';
    this.path = details.path;
    this.hint = details.hint;
    this.coded = details.code !== undefined && !PLAIN_CODES.has(details.code);
  }
}

/** Codes of command-line and file mistakes, which keep the one-line `netspec: message` form. */
const PLAIN_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'NS_INPUT_INVALID',
  'NS_PATH_MISSING',
  'NS_PATH_WRONG_KIND',
  'NS_PATH_UNWRITABLE',
  'NS_PATH_NOT_EMPTY',
  'NS_FILE_NOT_FOUND',
  'NS_FILE_TOO_LARGE',
  'NS_FILE_BINARY',
]);
