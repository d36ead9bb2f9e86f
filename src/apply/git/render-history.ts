// The governance log as text (terminal), markdown (a report or a PR) and JSON (tools). Renderers only read the
// events; they compute nothing the history does not hold.
import type { AppliedEvent, GovernanceEvent, GovernanceHistory, SignatureEvent } from './governance-event.js';

export function renderHistoryJson(history: GovernanceHistory): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}

export function renderHistoryText(history: GovernanceHistory): string {
  const lines = [`Governance history of ${history.network} (${history.path}): ${countEvents(history)}`];
  for (const event of history.events) {
    lines.push('', `${event.commit.slice(0, 12)}  ${event.date}  ${pullRequestLabel(event)}  ${authorLabel(event)}`);
    lines.push(`  ${event.subject}`);
    for (const change of event.specChanges) lines.push(`  spec: ${change}`);
    for (const signature of event.signatures) lines.push(`  signature: ${signatureLine(signature)}`);
    for (const applied of event.applied) lines.push(`  applied: ${appliedLine(applied)}`);
    if (event.specChanges.length + event.signatures.length + event.applied.length === 0) {
      lines.push(`  files: ${event.files.map((file) => `${file.status} ${file.path}`).join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function renderHistoryMarkdown(history: GovernanceHistory): string {
  const lines = [`# Governance history: \`${history.network}\``, '', `\`${history.path}\` — ${countEvents(history)}`];
  for (const event of history.events) {
    lines.push('', `## ${event.date.slice(0, 10)} — ${pullRequestLabel(event)} — ${escapeMarkdown(event.subject)}`, '');
    lines.push(`- Commit \`${event.commit.slice(0, 12)}\` by ${escapeMarkdown(authorLabel(event))} at ${event.date}`);
    for (const change of event.specChanges) lines.push(`- Spec: ${escapeMarkdown(change)}`);
    for (const signature of event.signatures) lines.push(`- Signature: ${escapeMarkdown(signatureLine(signature))}`);
    for (const applied of event.applied) lines.push(`- Applied: ${escapeMarkdown(appliedLine(applied))}`);
    if (event.specChanges.length + event.signatures.length + event.applied.length === 0) {
      lines.push(`- Files: ${event.files.map((file) => `\`${file.status} ${file.path}\``).join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function countEvents(history: GovernanceHistory): string {
  return history.events.length === 1 ? '1 event' : `${history.events.length} events`;
}

function pullRequestLabel(event: GovernanceEvent): string {
  return event.pullRequest !== undefined ? `PR #${event.pullRequest}` : 'direct commit';
}

function authorLabel(event: GovernanceEvent): string {
  return `${event.author.name} <${event.author.email}>`;
}

function signatureLine(signature: SignatureEvent): string {
  const parts = [
    `${signature.mspId} ${signature.change} for channel ${signature.channel} (bundle ${signature.bundle})`,
  ];
  if (signature.signer) parts.push(`signer ${signature.signer}`);
  if (signature.signedAt) parts.push(`signed ${signature.signedAt}`);
  return parts.join(', ');
}

function appliedLine(applied: AppliedEvent): string {
  if (applied.problem) return `${applied.path}: unreadable record (${applied.problem})`;
  const parts = applied.chaincode
    ? [
        `chaincode ${applied.chaincode.name} sequence ${applied.sequence} on channel ${applied.channel} by ${applied.chaincode.mspId || applied.chaincode.organization} on ${applied.appliedAt}`,
      ]
    : [`channel ${applied.channel} at config sequence ${applied.sequence} on ${applied.appliedAt}`];
  if (applied.blockNumbers?.length) parts.push(`block ${applied.blockNumbers.join(', ')}`);
  if (applied.txIds?.length) parts.push(`tx ${applied.txIds.join(', ')}`);
  if (applied.signers?.length) parts.push(`signed by ${applied.signers.join(', ')}`);
  if (applied.bundleHash) parts.push(`bundle ${applied.bundleHash.slice(0, 12)}`);
  return parts.join(', ');
}

/** Markdown must not turn a commit subject into markup (or ping people): backslash the active characters. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/@/g, '@\u200b');
}
