// The governance log as text (terminal), markdown (a report or a PR) and JSON (tools). Renderers only read the
// events; they compute nothing the history does not hold. One event is one block of lines; verdicts that should
// stop an auditor (INVALID signature, UNSIGNED or REWRITTEN) lead their line in capitals.
import type { AppliedEvent, GovernanceEvent, GovernanceHistory, Person, SignatureEvent } from './governance-event.js';

export function renderHistoryJson(history: GovernanceHistory): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}

export function renderHistoryText(history: GovernanceHistory): string {
  const lines = [`Governance history of ${history.network} (${history.path}): ${countEvents(history)}`];
  for (const event of history.events) {
    lines.push('', `${event.commit.slice(0, 12)}  ${event.date}  ${pullRequestLabel(event)}`);
    lines.push(`  ${plain(event.subject)}`);
    lines.push(`  ${plain(peopleLine(event))}`);
    for (const line of eventLines(event)) lines.push(`  ${plain(line)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderHistoryMarkdown(history: GovernanceHistory): string {
  const lines = [`# Governance history: \`${history.network}\``, '', `\`${history.path}\` — ${countEvents(history)}`];
  for (const event of history.events) {
    lines.push('', `## ${event.date.slice(0, 10)} — ${pullRequestLabel(event)} — ${escapeMarkdown(event.subject)}`, '');
    lines.push(`- Commit \`${event.commit.slice(0, 12)}\` at ${event.date}`);
    lines.push(`- ${escapeMarkdown(capitalize(peopleLine(event)))}`);
    for (const line of eventLines(event)) lines.push(`- ${escapeMarkdown(capitalize(line))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Everything below the heading of an event, in reading order: what is wrong first. */
function eventLines(event: GovernanceEvent): string[] {
  return [
    ...(event.rewritten ?? []).map((reason) => `REWRITTEN: ${reason}`),
    ...event.specChanges.map((change) => `spec: ${change}`),
    ...event.signatures.map((signature) => `signature: ${signatureLine(signature)}`),
    ...event.applied.map((applied) => `applied: ${appliedLine(applied)}`),
    `files: ${summarizeFiles(event.files)}`,
  ];
}

function countEvents(history: GovernanceHistory): string {
  return history.events.length === 1 ? '1 event' : `${history.events.length} events`;
}

function pullRequestLabel(event: GovernanceEvent): string {
  return event.pullRequest !== undefined ? `PR #${event.pullRequest}` : 'direct commit';
}

function person(who: Person): string {
  return `${who.name} <${who.email}>`;
}

/** Proposer and merger apart: the person who pressed merge did not necessarily write the change. */
function peopleLine(event: GovernanceEvent): string {
  const parts = [`proposed by ${person(event.proposer)}`];
  if (event.mergedBy) parts.push(`merged by ${person(event.mergedBy)}`);
  const others = (event.contributors ?? []).slice(1);
  if (others.length > 0) parts.push(`with commits by ${others.map(person).join(', ')}`);
  if (event.github)
    parts.push(
      `on GitHub opened by @${event.github.author}${event.github.mergedBy ? ` and merged by @${event.github.mergedBy}` : ''}`,
    );
  return parts.join(', ');
}

function signatureLine(signature: SignatureEvent): string {
  const what = `${signature.mspId} ${signature.change} for channel ${signature.channel} (bundle ${signature.bundle})`;
  if (signature.status === 'removed') return what;
  if (signature.status === 'valid') {
    const parts = [`${what}, signed by ${signature.signer ?? '(unknown subject)'}`];
    if (signature.signedAt) parts.push(`(the file is dated ${signature.signedAt})`);
    return parts.join(' ');
  }
  const claim = signature.claimedSigner ? ` (the file claims signer '${signature.claimedSigner}')` : '';
  return `INVALID ${what}: ${signature.reason ?? 'does not verify'}${claim}`;
}

function appliedLine(applied: AppliedEvent): string {
  if (applied.problem) return `${applied.path}: unreadable record (${applied.problem})`;
  const flags = [
    ...(applied.rewritten ? [`REWRITTEN: ${applied.rewritten}`] : []),
    ...(applied.unsigned ? [`UNSIGNED: ${applied.unsigned}`] : []),
  ];
  const parts = applied.chaincode
    ? [
        `chaincode ${applied.chaincode.name} sequence ${applied.sequence} on channel ${applied.channel} by ${applied.chaincode.mspId || applied.chaincode.organization} on ${applied.appliedAt}`,
      ]
    : [`channel ${applied.channel} at config sequence ${applied.sequence} on ${applied.appliedAt}`];
  if (applied.blockNumbers?.length) parts.push(`block ${applied.blockNumbers.join(', ')}`);
  if (applied.txIds?.length) parts.push(`tx ${applied.txIds.join(', ')}`);
  if (applied.signers?.length) parts.push(`record lists signers ${applied.signers.join(', ')}`);
  if (applied.bundleHash) parts.push(`bundle ${applied.bundleHash.slice(0, 12)}`);
  if (applied.producedBy) {
    const from = applied.producedBy;
    const change =
      from.pullRequest !== undefined
        ? `PR #${from.pullRequest} (${from.commit.slice(0, 12)})`
        : `commit ${from.commit.slice(0, 12)}`;
    parts.push(`from ${from.bundle === '.' ? 'the bundle' : from.bundle} of ${change}`);
  }
  return [...flags, parts.join(', ')].join('; ');
}

/**
 * The paths a change touched, summarised per top-level entry of the network folder: `network.yaml modified,
 * bundle/ 14 added, state/ 2 modified`. The JSON form keeps every path.
 */
function summarizeFiles(files: readonly { status: string; path: string }[]): string {
  if (files.length === 0) return 'none';
  const groups = new Map<string, Map<string, number>>();
  for (const file of files) {
    const slash = file.path.indexOf('/');
    const top = slash < 0 ? file.path : `${file.path.slice(0, slash)}/`;
    const counts = groups.get(top) ?? new Map<string, number>();
    const word = STATUS_WORDS[file.status] ?? 'changed';
    counts.set(word, (counts.get(word) ?? 0) + 1);
    groups.set(top, counts);
  }
  return [...groups.entries()]
    .map(([top, counts]) => {
      const words = [...counts.entries()].map(([word, count]) => (top.endsWith('/') ? `${count} ${word}` : word));
      return `${top} ${words.join(', ')}`;
    })
    .join('; ');
}

const STATUS_WORDS: Record<string, string> = { A: 'added', M: 'modified', D: 'removed', T: 'retyped' };

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Commit subjects and file claims are anyone's text: no terminal control sequences reach the screen. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Markdown must not turn a commit subject into markup (or ping people): backslash the active characters. */
function escapeMarkdown(text: string): string {
  return plain(text)
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .replace(/@/g, '@\u200b');
}
