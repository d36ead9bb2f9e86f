// The one PR comment netspec keeps up to date: the markdown plan, then who counts towards each update.
// The hidden marker comes first so the comment is found again on the next run, whoever edited the PR since.
// A plan too long for one comment is shortened (fit-comment.ts); the signature status is always there.
import { COMMENT_LIMIT, cutAtLine, fitPlanMarkdown } from './fit-comment.js';
import type { GateResult } from './signature-gate.js';

export const COMMENT_MARKER = '<!-- netspec-plan -->';

const STATUS_WORDS = { satisfied: 'satisfied', waiting: 'waiting for signatures', invalid: 'invalid' } as const;

/** `signatureFiles`: signature files this PR adds or changes, so reviewers see whose signatures arrive with it. */
export function renderStatusComment(
  planMarkdown: string,
  gate: GateResult,
  signatureFiles: readonly string[] = [],
): string {
  const lines = ['## Signature status', ''];
  lines.push(`**${STATUS_WORDS[gate.status]}** (an organization counts with: ${gate.require.join(' + ')})`, '');
  if (signatureFiles.length > 0) {
    lines.push(`Signature files in this pull request: ${signatureFiles.map((f) => `\`${f}\``).join(', ')}`, '');
  }
  if (gate.channels.length === 0) lines.push('No channel update needs signatures.');
  for (const channel of gate.channels) {
    lines.push(`### Channel \`${channel.channel}\` (${channel.action})`, '');
    for (const problem of channel.problems) lines.push(`- :x: \`${problem.code}\` ${escapeCell(problem.message)}`);
    if (channel.problems.length > 0) lines.push('');
    lines.push('| Organization | MSP | Review | Signature | Counts |', '| --- | --- | --- | --- | --- |');
    for (const row of channel.organizations) {
      const review = row.approvedBy.length > 0 ? `approved by ${row.approvedBy.map((l) => `@${l}`).join(', ')}` : '—';
      const signature = row.signed ? 'valid' : row.signatureProblem ? `rejected: ${row.signatureProblem}` : '—';
      const cells = [row.organization, row.mspId, review, signature, row.counts ? 'yes' : 'no'];
      lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
    }
    lines.push('');
    for (const requirement of channel.requirements) {
      const mark = requirement.satisfied ? ':white_check_mark:' : ':hourglass:';
      const waiting = requirement.satisfied
        ? ''
        : ` — waiting for ${requirement.waitingFor.join(', ') || 'nobody who can still sign'}`;
      lines.push(`- ${mark} ${escapeCell(requirement.summary)}${escapeCell(waiting)}`);
    }
    lines.push('');
  }
  // The signature status is what the gate decides on: it keeps its place, and the plan gets the room left.
  const status = cutAtLine(`${lines.join('\n').trimEnd()}\n`, COMMENT_LIMIT / 2);
  const plan = fitPlanMarkdown(planMarkdown.trimEnd(), COMMENT_LIMIT - status.length - COMMENT_MARKER.length - 4);
  return `${COMMENT_MARKER}\n${plan.trimEnd()}\n\n${status}`;
}

/** Table cells must not break the table (pipes, newlines) nor ping anyone by accident. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The commit status line (GitHub caps descriptions at 140 characters). */
export function statusDescription(gate: GateResult): string {
  const requirements = gate.channels.flatMap((channel) => channel.requirements);
  const met = requirements.filter((r) => r.satisfied).length;
  let text: string;
  if (gate.status === 'invalid') {
    const problem = gate.channels.flatMap((channel) => channel.problems)[0];
    text = `invalid bundle${problem ? `: ${problem.message}` : ''}`;
  } else if (gate.status === 'satisfied') {
    text = `${met} of ${requirements.length} policies satisfied`;
  } else {
    const waiting = [...new Set(requirements.filter((r) => !r.satisfied).flatMap((r) => r.waitingFor))].sort();
    text = `${met} of ${requirements.length} policies satisfied; waiting for ${waiting.join(', ')}`;
  }
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}
