// What a commit changed in network.yaml, in the consortium's words: which organizations, channels, chaincodes and
// Quorum networks were added, removed or changed, and which other top-level sections moved. A structural diff of
// the two documents: it needs no live state (unlike a plan), so an auditor with only a clone gets it.
import { isDeepStrictEqual } from 'node:util';
import { yamlPackage } from '../../yaml-package.js';

/** Sections whose entries are named: the summary names the entries. */
const NAMED_SECTIONS = ['organizations', 'channels', 'quorum'] as const;

export function summarizeSpecChange(before: string | undefined, after: string | undefined): string[] {
  if (before === undefined && after === undefined) return [];
  const old = readDocument(before);
  const next = readDocument(after);
  if (before === undefined) return [`network.yaml added (${describeContents(next)})`];
  if (after === undefined) return ['network.yaml removed'];
  if (old === undefined || next === undefined) return ['network.yaml changed (one side does not parse as YAML)'];
  const lines: string[] = [];
  for (const section of NAMED_SECTIONS) {
    const line = namedChanges(section, asMap(old[section]), asMap(next[section]));
    if (line) lines.push(line);
  }
  const chaincodes = namedChanges('chaincodes', chaincodeMap(old.chaincodes), chaincodeMap(next.chaincodes));
  if (chaincodes) lines.push(chaincodes);
  const handled = new Set<string>([...NAMED_SECTIONS, 'chaincodes']);
  const others = [...new Set([...Object.keys(old), ...Object.keys(next)])]
    .filter((key) => !handled.has(key) && !isDeepStrictEqual(old[key], next[key]))
    .sort();
  if (others.length > 0) lines.push(`changed: ${others.join(', ')}`);
  return lines;
}

function namedChanges(section: string, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const added = Object.keys(after).filter((name) => !(name in before));
  const removed = Object.keys(before).filter((name) => !(name in after));
  const changed = Object.keys(after).filter((name) => name in before && !isDeepStrictEqual(before[name], after[name]));
  const parts = [
    ...added.sort().map((name) => `+${name}`),
    ...removed.sort().map((name) => `-${name}`),
    ...changed.sort().map((name) => `~${name}`),
  ];
  return parts.length > 0 ? `${section}: ${parts.join(' ')}` : '';
}

function describeContents(document: Record<string, unknown> | undefined): string {
  if (!document) return 'does not parse as YAML';
  return `${counted(document.organizations, 'organization')}, ${counted(document.channels, 'channel')}`;
}

/** `1 channel`, `2 channels`, `0 channels`: the number of entries of a named section, with its noun. */
function counted(section: unknown, noun: string): string {
  const count = Object.keys(asMap(section)).length;
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

function readDocument(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = yamlPackage().parse(text, { maxAliasCount: 100 });
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

function asMap(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Chaincodes are a list; they are named `<channel>/<name>` as the plan names them. */
function chaincodeMap(value: unknown): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  if (!Array.isArray(value)) return map;
  for (const entry of value) {
    const item = asMap(entry);
    map[`${String(item.channel ?? '?')}/${String(item.name ?? '?')}`] = entry;
  }
  return map;
}
