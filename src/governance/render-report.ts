// The verify report for people (text for terminals, markdown for pull requests) and machines (JSON). Rendering
// only reads the report.
import type { UpdateVerdict, VerifyReport } from './verify-report.js';

export function renderReportJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReportText(report: VerifyReport): string {
  const lines: string[] = [];
  for (const problem of report.problems ?? []) lines.push(`problem: ${problem}`);
  for (const update of report.updates) {
    lines.push(`${update.channel}: ${update.status}`);
    if (update.applied) lines.push(`  ${appliedNote(update.applied)}`);
    for (const problem of update.problems) lines.push(`  problem: ${problem}`);
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
    for (const warning of update.warnings ?? []) lines.push(`  warning [${warning.code}]: ${warning.message}`);
  }
  if (report.updates.length === 0 && !report.problems?.length) lines.push('No channel updates to sign.');
  lines.push(`Verdict: ${report.status}`);
  return `${lines.join('\n')}\n`;
}

export function renderReportMarkdown(report: VerifyReport): string {
  const lines: string[] = [`## Signatures: ${report.status}`, ''];
  for (const problem of report.problems ?? []) lines.push(`- :x: ${escapeCell(problem)}`);
  for (const update of report.updates) lines.push(...updateMarkdown(update));
  if (report.updates.length === 0 && !report.problems?.length) lines.push('No channel updates to sign.');
  return `${lines.join('\n').trimEnd()}\n`;
}

function updateMarkdown(update: UpdateVerdict): string[] {
  const lines = [`### \`${update.channel}\`: ${update.status}`, ''];
  if (update.applied) lines.push(`- :white_check_mark: ${appliedNote(update.applied)}`, '');
  for (const problem of update.problems) lines.push(`- :x: ${escapeCell(problem)}`);
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
  for (const warning of update.warnings ?? [])
    lines.push(`- :warning: \`${warning.code}\` ${escapeCell(warning.message)}`);
  if ((update.warnings ?? []).length > 0) lines.push('');
  if (update.signatures.length > 0) {
    lines.push('| signature | MSP | verdict |', '|---|---|---|');
    for (const s of update.signatures)
      lines.push(`| \`${s.source}\` | ${s.mspId} | ${s.valid ? 'valid' : `invalid: ${escapeCell(s.reason ?? '')}`} |`);
    lines.push('');
  }
  return lines;
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
