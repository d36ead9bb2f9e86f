// The verify report for people (text for terminals, markdown for pull requests) and machines (JSON). Rendering
// only reads the report. Problems and warnings print as the compiler prints diagnostics (`file:line:col severity
// CODE message`, then the hint), so a terminal shows verify's findings like validate's.
import { formatDiagnosticText, type Problem, problemDiagnostic } from '../compiler/diagnostics/index.js';
import type { UpdateVerdict, VerifyReport } from './verify-report.js';

export function renderReportJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReportText(report: VerifyReport): string {
  const lines: string[] = [];
  for (const problem of report.problems ?? []) lines.push(problemText(problem, ''));
  for (const update of report.updates) {
    lines.push(`${update.channel}: ${update.status}`);
    if (update.applied) lines.push(`  ${appliedNote(update.applied)}`);
    for (const problem of update.problems) lines.push(problemText(problem, '  '));
    for (const requirement of update.requirements) {
      lines.push(`  ${requirement.summary}`);
      lines.push(`    ${requirement.progress ?? (requirement.satisfied ? 'satisfied' : 'not satisfied')}`);
      if (requirement.signedBy.length > 0) lines.push(`    signed by: ${requirement.signedBy.join(', ')}`);
    }
    for (const signature of update.signatures)
      lines.push(
        `  ${signature.valid ? 'valid  ' : 'INVALID'} ${signature.source} (${signature.mspId})${reasonOf(signature)}`,
      );
    if (update.signatures.length === 0 && !update.applied) lines.push('  no signatures yet');
    for (const warning of update.warnings ?? []) lines.push(problemText(warning, '  '));
  }
  if (report.updates.length === 0 && !report.problems?.length) lines.push('No channel updates to sign.');
  lines.push(`Verdict: ${report.status}`);
  return `${lines.join('\n')}\n`;
}

export function renderReportMarkdown(report: VerifyReport): string {
  const lines: string[] = [`## Signatures: ${report.status}`, ''];
  for (const problem of report.problems ?? []) lines.push(problemMarkdown(problem));
  for (const update of report.updates) lines.push(...updateMarkdown(update));
  if (report.updates.length === 0 && !report.problems?.length) lines.push('No channel updates to sign.');
  return `${lines.join('\n').trimEnd()}\n`;
}

function updateMarkdown(update: UpdateVerdict): string[] {
  const lines = [`### \`${update.channel}\`: ${update.status}`, ''];
  if (update.applied) lines.push(`- :white_check_mark: ${appliedNote(update.applied)}`, '');
  for (const problem of update.problems) lines.push(problemMarkdown(problem));
  if (update.problems.length > 0) lines.push('');
  if (update.requirements.length > 0) {
    lines.push('| policy | requirement | progress | signed by |', '|---|---|---|---|');
    for (const r of update.requirements) {
      const summary = r.summary.slice(r.policyPath.length + 2);
      lines.push(
        `| \`${r.policyPath}\` | ${escapeCell(summary)} | ${r.satisfied ? ':white_check_mark: ' : ''}${escapeCell(r.progress ?? '')} | ${r.signedBy.join(', ') || '—'} |`,
      );
    }
    lines.push('');
  }
  for (const warning of update.warnings ?? []) lines.push(problemMarkdown(warning));
  if ((update.warnings ?? []).length > 0) lines.push('');
  if (update.signatures.length > 0) {
    lines.push('| signature | MSP | verdict |', '|---|---|---|');
    for (const s of update.signatures)
      lines.push(`| \`${s.source}\` | ${s.mspId} | ${s.valid ? 'valid' : `invalid: ${escapeCell(s.reason ?? '')}`} |`);
    lines.push('');
  }
  return lines;
}

/** One problem as the compiler's formatter prints it (no source texts: a bundle file is pointed at as a whole). */
function problemText(problem: Problem, indent: string): string {
  const text = formatDiagnosticText(problemDiagnostic(problem), { get: () => undefined });
  return text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

function problemMarkdown(problem: Problem): string {
  const mark = problem.severity === 'error' ? ':x:' : ':warning:';
  const hint = problem.hint ? ` (${escapeCell(problem.hint)})` : '';
  const { position } = problem;
  const where = position ? ` at \`${problem.file}:${position.line}:${position.column}\`` : '';
  return `- ${mark} \`${problem.code}\`${where} ${escapeCell(problem.message)}${hint}`;
}

function appliedNote(applied: { sequence: string; blockNumber: string }): string {
  return `already applied: the live config (sequence ${applied.sequence}, block ${applied.blockNumber}) carries this update`;
}

function reasonOf(signature: { valid: boolean; reason?: string }): string {
  return signature.valid || !signature.reason ? '' : `: ${signature.reason}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
