// The Fabric part of the PR comment: per channel, what the update writes (path, kind, version, the value before
// and after) and who must sign it, with a checkbox per organization whose admins can sign.
import type { SigningRequirement } from '../../policy/index.js';
import type { ChannelModel, NetworkModel } from '../model/network-model.js';
import type { ChannelPlan, ConfigDelta } from '../plan/plan.js';
import { type DescribedLine, describeWrite } from './_config-values.js';
import { stagesSection } from './_markdown-stages.js';
import { code, details, escapeText, fenced, plural, shortHash, table } from './_markdown-text.js';

/** Beyond this, the writes a policy authorizes are counted rather than listed (they are all in the table). */
const SHOWN_WRITES = 6;
const CHANGE_SIGN: Readonly<Record<ConfigDelta['change'], string>> = { add: '+', modify: '~', remove: '-' };

export function channelSections(plan: readonly ChannelPlan[], model: NetworkModel): string[] {
  const lines: string[] = [];
  const changed = plan.filter((channel) => channel.action !== 'noop');
  const unchanged = plan.filter((channel) => channel.action === 'noop');
  if (plan.length === 0) return lines;
  lines.push('## Fabric channels', '');
  for (const channel of changed) {
    const spec = model.channels.find((c) => c.name === channel.channel);
    lines.push(
      ...(channel.action === 'create' ? createSection(channel, spec, model) : updateSection(channel, model)),
      '',
    );
  }
  if (unchanged.length > 0) {
    const names = unchanged.map(
      (c) => `${code(c.channel)}${c.baseSequence !== undefined ? ` (sequence ${c.baseSequence})` : ''}`,
    );
    lines.push(`Unchanged: ${names.join(', ')}.`, '');
  }
  return lines;
}

function createSection(channel: ChannelPlan, spec: ChannelModel | undefined, model: NetworkModel): string[] {
  const lines = [`### \\+ Channel ${code(channel.channel)}: create`, ''];
  lines.push(
    `A new channel, started from the genesis block ${artifactText(channel)}. ` +
      'It needs no signatures: each orderer organization joins its orderers to the channel with that block, then each member joins its peers.',
    '',
  );
  const rows: string[][] = [
    ['Members', escapeText(channel.members.join(', ') || 'none')],
    ['Orderer organizations', escapeText(channel.ordererOrgs.join(', ') || 'none')],
  ];
  if (spec) {
    const { orderer } = spec;
    rows.push(
      [
        'Raft consenters',
        plural(orderer.consenters.length, 'consenter') +
          `: ${escapeText(orderer.consenters.map((c) => `${c.host}:${c.port}`).join(', '))}`,
      ],
      ['Batch', `timeout ${code(orderer.batchTimeout)}, max ${orderer.batchSize.maxMessageCount} messages`],
      [
        'Capabilities',
        `channel ${code(spec.capabilities.channel)}, orderer ${code(spec.capabilities.orderer)}, application ${code(spec.capabilities.application)}`,
      ],
      ...Object.entries(spec.policies.application)
        .filter(([name]) => name === 'Endorsement' || name === 'LifecycleEndorsement' || name === 'Admins')
        .map(([name, text]) => [`Application ${name}`, code(text)]),
    );
    const chaincodes = model.chaincodes.filter((c) => c.channel === channel.channel).map((c) => code(c.name));
    if (chaincodes.length > 0) rows.push(['Chaincodes', chaincodes.join(', ')]);
  }
  lines.push(...table(['Setting', 'Value'], ['l', 'l'], rows));
  if (spec) {
    const todo = [
      ...spec.orderer.organizations.map((name) => nodeTask(model, name, 'orderers', 'join', 'to', channel.channel)),
      ...spec.members.map((name) => nodeTask(model, name, 'peers', 'join', 'to', channel.channel)),
    ].filter((line): line is string => line !== undefined);
    lines.push(...afterApply(todo));
  }
  return lines;
}

/**
 * What each organization does after apply, with its own keys (netspec apply --org <org>): no one else can join an
 * orderer (its admin API trusts only its own org's TLS CA) or a peer (only its own org's admins may).
 */
function afterApply(todo: readonly string[]): string[] {
  if (todo.length === 0) return [];
  return [
    '',
    'After apply, each organization with its own keys (`netspec apply --org <org>`):',
    '',
    ...todo.map((t) => `- ${t}`),
  ];
}

function nodeTask(
  model: NetworkModel,
  orgName: string,
  kind: 'orderers' | 'peers',
  verb: string,
  preposition: string,
  channel: string,
): string | undefined {
  const org = model.organizations.find((o) => o.name === orgName);
  const nodes = (org?.[kind] ?? []).map((node) => node.name);
  if (nodes.length === 0) return undefined;
  return `${escapeText(orgName)}: ${verb} ${escapeText(nodes.join(', '))} ${preposition} ${escapeText(channel)}`;
}

function updateSection(channel: ChannelPlan, model: NetworkModel): string[] {
  const lines = [`### ~ Channel ${code(channel.channel)}: update`, ''];
  const nextSequence = channel.baseSequence !== undefined ? (BigInt(channel.baseSequence) + 1n).toString() : '?';
  lines.push(
    `Computed against live config sequence ${code(channel.baseSequence ?? '?')}` +
      (channel.baseBlock !== undefined ? ` (config block ${code(channel.baseBlock)})` : '') +
      ` and becomes sequence ${code(nextSequence)}: ${plural(channel.delta.length, 'write')}. ` +
      `Signatures cover ${artifactText(channel)}; if the channel's config moves on first, the plan must be made again.`,
    '',
  );
  lines.push(...membershipLine(channel, model));
  const stages = stagesSection(channel);
  if (stages.length > 0) lines.push('', ...stages);
  const moved = (change: ConfigDelta['change']) =>
    channel.delta
      .filter((w) => w.kind === 'group' && w.change === change && /^\/Channel\/Application\/[^/]+$/.test(w.path))
      .map((w) => w.path.split('/')[3]!)
      .map((mspId) => model.organizations.find((o) => o.mspId === mspId)?.name ?? mspId);
  lines.push(
    ...afterApply(
      [
        ...moved('add').map((org) => nodeTask(model, org, 'peers', 'join', 'to', channel.channel)),
        ...moved('remove').map((org) =>
          nodeTask(model, org, 'peers', 'unjoin (`peer node unjoin`, peer stopped)', 'from', channel.channel),
        ),
      ].filter((line): line is string => line !== undefined),
    ),
    '',
  );

  const collapsed: string[] = [];
  const rows = channel.delta.map((write) => {
    const described = describeWrite(write);
    const cell = described.inline.map(formatLine);
    if (write.problem) cell.push(`⚠️ Fabric rejects this write: ${escapeText(write.problem)}`);
    if (described.details) {
      cell.push('details below');
      collapsed.push(
        ...details(
          `<code>${html(write.path)}</code> (${write.change})`,
          fenced(described.details.language, described.details.lines.join('\n')),
        ),
      );
    }
    return [CHANGE_SIGN[write.change], code(write.path), write.kind, versionText(write), cell.join('<br>')];
  });
  lines.push(...table(['', 'Path', 'Kind', 'Version', 'Change'], ['c', 'l', 'l', 'l', 'l'], rows));
  if (collapsed.length > 0) lines.push('', ...collapsed);
  lines.push('', ...whoMustSign(channel.signers, model));
  return lines;
}

/** Who joins and who leaves: the first thing a consortium reviewer looks for in an update. */
function membershipLine(channel: ChannelPlan, model: NetworkModel): string[] {
  const moves = (section: 'Application' | 'Orderer', change: ConfigDelta['change']) =>
    channel.delta
      .filter(
        (w) =>
          w.kind === 'group' &&
          w.change === change &&
          w.path.split('/').length === 4 &&
          w.path.startsWith(`/Channel/${section}/`),
      )
      .map((w) => w.path.split('/')[3]!);
  const describe = (ids: readonly string[], section: 'Application' | 'Orderer') => {
    const joins = moves(section, 'add');
    const leaves = moves(section, 'remove');
    const present = ids.map((id) => `${escapeText(orgLabel(id, model))}${joins.includes(id) ? ' **(joins)**' : ''}`);
    const gone = leaves.filter((id) => !ids.includes(id)).map((id) => `~~${escapeText(id)}~~ **(leaves)**`);
    return [...present, ...gone].join(', ') || 'none';
  };
  return [
    `Members: ${describe(channel.members, 'Application')}  `,
    `Orderer organizations: ${describe(channel.ordererOrgs, 'Orderer')}`,
  ];
}

function whoMustSign(signers: readonly SigningRequirement[], model: NetworkModel): string[] {
  const lines = [
    '#### Who must sign',
    '',
    "Each policy below must be satisfied by signatures on the update; additions ride on their parent group's policy.",
    '',
  ];
  if (signers.length === 0) {
    lines.push('No write needs a policy of its own (unexpected for an update: check the changes above).');
    return lines;
  }
  for (const signer of signers) {
    lines.push(`- ${code(signer.summary)}  `);
    const shown = signer.writes.slice(0, SHOWN_WRITES).map(code).join(', ');
    const more = signer.writes.length > SHOWN_WRITES ? ` and ${signer.writes.length - SHOWN_WRITES} more` : '';
    lines.push(`  authorizes ${shown}${more}`);
    if (signer.mspIds.length === 0) lines.push('  - no organization can sign this policy');
    for (const mspId of signer.mspIds) lines.push(`  - [ ] ${escapeText(orgLabel(mspId, model))}`);
  }
  return lines;
}

/** `ManufacturerMSP (Acme Manufacturing)`: the id signatures carry, and the name people know. */
export function orgLabel(mspId: string, model: NetworkModel): string {
  const org = model.organizations.find((o) => o.mspId === mspId);
  return org?.displayName && org.displayName !== mspId ? `${mspId} (${org.displayName})` : mspId;
}

function artifactText(channel: ChannelPlan): string {
  if (!channel.artifact) return 'the bundle';
  return `${code(channel.artifact)}${channel.artifactHash ? ` (sha256 ${code(shortHash(channel.artifactHash))})` : ''}`;
}

function versionText(write: ConfigDelta): string {
  const from = write.fromVersion ?? '∅';
  const to = write.toVersion ?? '∅';
  return `${from} → ${to}`;
}

function formatLine(line: DescribedLine): string {
  const label = line.label !== undefined ? `${escapeText(line.label)}: ` : '';
  const note = line.note !== undefined ? escapeText(line.note) : '';
  if (line.before !== undefined && line.after !== undefined)
    return `${label}${code(line.before)} → ${code(line.after)}${note}`;
  if (line.after !== undefined) return `${label}${code(line.after)}${note}`;
  if (line.before !== undefined) return `${label}~~${code(line.before)}~~${note}`;
  return `${label}${note}`;
}

/** Text inside raw HTML (a <summary>): GitHub does not parse markdown there, so escape as HTML. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
