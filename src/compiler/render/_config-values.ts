// A config write's before/after values as a reviewer wants to read them: policies as policy text, MSPs as a
// summary with their CA certificates' subjects and fingerprints, ACLs as `resource: policy`, and for anything
// else only the fields that actually change. Raw configtxlator JSON stays in the bundle's update.json.
import { sha256Hex } from '../../bytes.js';
import { parsedCertificateOfBase64 } from '../../crypto/parsed-certificates.js';
import { signatureEnvelopeText } from '../fabric/config/policy-json.js';
import type { ConfigDelta } from '../plan/plan.js';
import { plural } from './_markdown-text.js';

/** A value flattened to `field -> text` (a plain string when the item reads best as one line). */
type Shown = string | Record<string, string>;

export interface DescribedWrite {
  /** Short lines for the table cell (plain text; the caller formats them). */
  inline: DescribedLine[];
  /** Longer content for a collapsed section: `diff` lines (`+ `, `- `, `  `) or plain lines. */
  details?: { language: 'diff' | 'text'; lines: string[] };
}

/** One line of a cell: an optional label and a value, or a change from one value to another. */
export interface DescribedLine {
  label?: string;
  before?: string;
  after?: string;
  note?: string;
}

const INLINE_LINES = 3;
const INLINE_VALUE_CHARS = 100;
const DETAIL_VALUE_CHARS = 160;

export function describeWrite(write: ConfigDelta): DescribedWrite {
  const name = write.path.split('/').pop() ?? '';
  if (write.kind === 'group') return describeGroup(write);
  const before = write.before === undefined ? undefined : show(write.kind, name, write.before);
  const after = write.after === undefined ? undefined : show(write.kind, name, write.after);
  const extra = name === 'MSP' && write.kind === 'value' ? mspCertificates(write) : [];

  if (write.change === 'modify' && before !== undefined && after !== undefined) {
    return withExtra(diffShown(before, after), extra);
  }
  const shown = after ?? before;
  const side = write.change === 'remove' ? 'before' : 'after';
  if (shown === undefined) return { inline: [] };
  if (typeof shown === 'string') {
    return withExtra({ inline: [{ [side]: shorten(shown, INLINE_VALUE_CHARS) }] }, extra);
  }
  const entries = Object.entries(shown);
  const lines = entries.map(([label, text]) => ({ label, [side]: shorten(text, INLINE_VALUE_CHARS) }));
  const marker = write.change === 'remove' ? '- ' : '+ ';
  const detailLines = entries.map(([label, text]) => `${marker}${label}: ${shorten(text, DETAIL_VALUE_CHARS)}`);
  if (lines.length <= INLINE_LINES) return withExtra({ inline: lines }, extra);
  return withExtra(
    { inline: [{ note: `${entries.length} fields` }], details: { language: 'diff', lines: detailLines } },
    extra,
  );
}

function withExtra(described: DescribedWrite, extra: string[]): DescribedWrite {
  if (extra.length === 0) return described;
  const lines = [...(described.details?.lines ?? []), ...extra];
  return { inline: described.inline, details: { language: described.details?.language ?? 'text', lines } };
}

/** A group is shown by its members: the plan records the names it holds, not its contents. */
function describeGroup(write: ConfigDelta): DescribedWrite {
  const before = write.before as GroupSummary | undefined;
  const after = write.after as GroupSummary | undefined;
  if (write.change === 'add' && after) {
    const parts = (['groups', 'values', 'policies'] as const)
      .filter((key) => after[key].length > 0)
      .map((key) => `${key} ${after[key].join(', ')}`);
    return { inline: [{ note: `new group: ${parts.join('; ') || 'empty'}` }] };
  }
  if (write.change === 'remove') return { inline: [{ note: 'group removed with everything in it' }] };
  if (!before || !after) return { inline: [] };
  const lines: DescribedLine[] = [];
  for (const key of ['groups', 'values', 'policies'] as const) {
    const added = after[key].filter((name) => !before[key].includes(name));
    const removed = before[key].filter((name) => !after[key].includes(name));
    if (added.length > 0) lines.push({ label: `+ ${key}`, after: added.join(', ') });
    if (removed.length > 0) lines.push({ label: `- ${key}`, before: removed.join(', ') });
  }
  if (before.mod_policy !== after.mod_policy)
    lines.push({ label: 'mod_policy', before: before.mod_policy, after: after.mod_policy });
  if (lines.length === 0) lines.push({ note: 'version bump only' });
  return { inline: lines };
}

interface GroupSummary {
  groups: string[];
  values: string[];
  policies: string[];
  mod_policy: string;
}

function diffShown(before: Shown, after: Shown): DescribedWrite {
  if (typeof before === 'string' || typeof after === 'string') {
    const from = typeof before === 'string' ? before : flatText(before);
    const to = typeof after === 'string' ? after : flatText(after);
    const inline = [{ before: shorten(from, INLINE_VALUE_CHARS), after: shorten(to, INLINE_VALUE_CHARS) }];
    const long = from.length > INLINE_VALUE_CHARS || to.length > INLINE_VALUE_CHARS;
    return long ? { inline, details: { language: 'diff', lines: [`- ${from}`, `+ ${to}`] } } : { inline };
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const inline: DescribedLine[] = [];
  const detail: string[] = [];
  for (const key of keys) {
    const from = before[key];
    const to = after[key];
    if (from === to) continue;
    inline.push({
      label: key,
      ...(from !== undefined ? { before: shorten(from, INLINE_VALUE_CHARS) } : {}),
      ...(to !== undefined ? { after: shorten(to, INLINE_VALUE_CHARS) } : {}),
    });
    if (from !== undefined) detail.push(`- ${key}: ${shorten(from, DETAIL_VALUE_CHARS)}`);
    if (to !== undefined) detail.push(`+ ${key}: ${shorten(to, DETAIL_VALUE_CHARS)}`);
  }
  if (inline.length === 0) return { inline: [{ note: 'same content, re-encoded' }] };
  if (inline.length <= INLINE_LINES) return { inline };
  return { inline: [{ note: `${inline.length} fields change` }], details: { language: 'diff', lines: detail } };
}

function flatText(shown: Record<string, string>): string {
  return Object.entries(shown)
    .map(([key, text]) => `${key}: ${text}`)
    .join('; ');
}

/** The reviewer's view of one value or policy. */
function show(kind: 'value' | 'policy', name: string, value: unknown): Shown {
  if (kind === 'policy') return policyText(value);
  const v = (value ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'MSP':
      return mspSummary(v);
    case 'ACLs':
      return Object.fromEntries(
        Object.entries((v.acls ?? {}) as Record<string, { policy_ref?: string }>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([resource, acl]) => [resource, acl.policy_ref ?? '']),
      );
    case 'Capabilities':
      return (
        Object.keys((v.capabilities ?? {}) as object)
          .sort()
          .join(', ') || 'none'
      );
    case 'AnchorPeers':
      return (
        ((v.anchor_peers ?? []) as { host: string; port: number }[]).map((p) => `${p.host}:${p.port}`).join(', ') ||
        'none'
      );
    case 'OrdererAddresses':
    case 'Endpoints':
      return ((v.addresses ?? []) as string[]).join(', ') || 'none';
    case 'ConsensusType':
      return flatten(consensusView(v));
    default:
      return flatten(v);
  }
}

/** Policy text as the spec writes it: `OR('Org1MSP.admin')` or `MAJORITY Admins`. */
export function policyText(policy: unknown): string {
  const p = (policy ?? {}) as { type?: number; value?: unknown };
  if (p.type === 1 && p.value) return signatureEnvelopeText(p.value as Parameters<typeof signatureEnvelopeText>[0]);
  if (p.type === 3 && p.value) {
    const meta = p.value as { rule?: string; sub_policy?: string };
    return `${meta.rule ?? 'ANY'} ${meta.sub_policy ?? ''}`.trim();
  }
  return `policy type ${p.type ?? '?'}`;
}

/** Consenters read best as endpoints; their TLS certificates are compared by fingerprint. */
function consensusView(v: Record<string, unknown>): Record<string, unknown> {
  const metadata = (v.metadata ?? {}) as { consenters?: Record<string, unknown>[]; options?: unknown };
  const consenters = (metadata.consenters ?? []).map((c) => `${c.host}:${c.port}`);
  const tls = (metadata.consenters ?? []).map(
    (c) => `${c.host}:${c.port} ${fingerprintOf(String(c.server_tls_cert ?? ''))}`,
  );
  return {
    type: v.type,
    state: v.state,
    consenters: consenters.join(', '),
    consenter_tls: tls.join(', '),
    options: metadata.options,
  };
}

function mspSummary(v: Record<string, unknown>): string {
  const config = (v.config ?? {}) as Record<string, unknown>;
  const count = (key: string) => ((config[key] ?? []) as unknown[]).length;
  const parts = [
    plural(count('root_certs'), 'root CA'),
    count('intermediate_certs') > 0 ? plural(count('intermediate_certs'), 'intermediate CA') : '',
    plural(count('tls_root_certs'), 'TLS root CA'),
    count('admins') > 0 ? plural(count('admins'), 'admin cert') : '',
    count('revocation_list') > 0 ? plural(count('revocation_list'), 'CRL') : '',
    (config.fabric_node_ous as { enable?: boolean } | null)?.enable ? 'NodeOUs' : '',
  ].filter(Boolean);
  return `MSP ${String(config.name ?? '?')} (${parts.join(', ')})`;
}

/** Who the MSP trusts, certificate by certificate: the part of an MSP a reviewer must actually check. */
function mspCertificates(write: ConfigDelta): string[] {
  const list = (value: unknown, key: string) =>
    ((((value ?? {}) as { config?: Record<string, unknown> }).config?.[key] ?? []) as string[]).map((b64) =>
      describeCertificate(b64),
    );
  const lines: string[] = [];
  for (const [key, label] of [
    ['root_certs', 'root CA'],
    ['intermediate_certs', 'intermediate CA'],
    ['tls_root_certs', 'TLS root CA'],
    ['tls_intermediate_certs', 'TLS intermediate CA'],
    ['admins', 'admin'],
  ] as const) {
    const before = list(write.before, key);
    const after = list(write.after, key);
    for (const cert of before) if (!after.includes(cert)) lines.push(`- ${label}: ${cert}`);
    for (const cert of after) lines.push(`${before.includes(cert) ? ' ' : '+'} ${label}: ${cert}`);
  }
  return lines;
}

function describeCertificate(base64: string): string {
  const cert = parsedCertificateOfBase64(base64);
  if (!cert) return `unreadable certificate (${fingerprintOf(base64)})`;
  const subject = [...cert.subjectRdns].reverse().join(', ');
  // The first eight bytes of the SHA-256 as node:crypto's fingerprint256 prints them (AB:CD:…).
  const fingerprint = cert.sha256
    .slice(0, 16)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
  return `${subject}; SHA-256 ${fingerprint}…; valid to ${new Date(cert.notAfter).toISOString().slice(0, 10)}`;
}

function fingerprintOf(base64: string): string {
  if (!base64) return 'no certificate';
  return `sha256:${sha256Hex(Buffer.from(base64, 'base64')).slice(0, 12)}`;
}

/** Nested JSON -> `a.b[0].c -> text`; long base64 blobs become their size and hash. */
function flatten(value: unknown, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) into[prefix] = value.map(scalar).join(', ');
    else
      value.forEach((item, index) => {
        flatten(item, `${prefix}[${index}]`, into);
      });
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value).sort())
      flatten((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, into);
  } else if (value !== undefined) {
    into[prefix || 'value'] = scalar(value);
  }
  return into;
}

function scalar(value: unknown): string {
  if (typeof value === 'string' && value.length > 64 && /^[A-Za-z0-9+/]+=*$/.test(value)) {
    return `base64 ${Buffer.from(value, 'base64').length} bytes ${fingerprintOf(value)}`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}… (${text.length} chars)`;
}
