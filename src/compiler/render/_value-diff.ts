// Compact, human descriptions of config items for reviewers: policies as policy text, MSPs by name and CA count,
// other values as the leaf fields that changed. Shared by the text and markdown renderers.
import { signatureEnvelopeText } from '../fabric/config/policy-json.js';
import type { ConfigDelta } from '../plan/plan.js';

/** A policy (common.Policy JSON) as text: `OR('Org1MSP.admin')` or `MAJORITY Admins`. */
export function policyText(policy: unknown): string {
  const p = policy as { type?: number; value?: { rule?: unknown; sub_policy?: string; identities?: unknown[] } } | null;
  if (!p?.value) return '(none)';
  if (p.type === 3) return `${String(p.value.rule)} ${p.value.sub_policy}`;
  if (p.type === 1) return signatureEnvelopeText(p.value as Parameters<typeof signatureEnvelopeText>[0]);
  return `(policy type ${p.type})`;
}

/** One line for an item's content. */
export function summarizeItem(delta: ConfigDelta, content: unknown): string {
  if (content === undefined) return '';
  if (delta.kind === 'policy') return policyText(content);
  if (delta.kind === 'group') {
    const group = content as { groups: string[] };
    return group.groups.length > 0 ? `{${group.groups.join(', ')}}` : '';
  }
  const name = delta.path.split('/').pop();
  if (name === 'MSP') {
    const config = (content as { config?: { name?: string; root_certs?: unknown[]; fabric_node_ous?: unknown } })
      ?.config;
    return `MSP ${config?.name ?? '?'} (${config?.root_certs?.length ?? 0} root CA${config?.root_certs?.length === 1 ? '' : 's'}${config?.fabric_node_ous ? ', NodeOUs' : ''})`;
  }
  return JSON.stringify(content);
}

/** The changed leaves between two JSON values: `max_message_count: 100 -> 500`. At most `limit` lines. */
export function leafChanges(before: unknown, after: unknown, limit = 12): string[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const from = a.get(key);
    const to = b.get(key);
    if (from === to) continue;
    if (from === undefined) lines.push(`+ ${key}: ${to}`);
    else if (to === undefined) lines.push(`- ${key}: ${from}`);
    else lines.push(`~ ${key}: ${from} -> ${to}`);
  }
  return lines.length > limit ? [...lines.slice(0, limit), `… ${lines.length - limit} more`] : lines;
}

function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value === null || typeof value !== 'object') {
    if (prefix) into.set(prefix, abbreviate(JSON.stringify(value)));
    return into;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0 && prefix) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
  for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 28)}…${text.slice(-12)}` : text;
}

/** Group membership changes of a bumped group: `+ RetailerMSP`, `- Org3MSP`. */
export function membershipChanges(delta: ConfigDelta): string[] {
  if (delta.kind !== 'group') return [];
  const before = new Set((delta.before as { groups?: string[] } | undefined)?.groups ?? []);
  const after = new Set((delta.after as { groups?: string[] } | undefined)?.groups ?? []);
  return [
    ...[...after].filter((g) => !before.has(g)).map((g) => `+ ${g}`),
    ...[...before].filter((g) => !after.has(g)).map((g) => `- ${g}`),
  ];
}
