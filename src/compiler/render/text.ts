// The plan as a terminal reads it, terraform-style: `+` add, `~` change, `-` remove, who must sign under each
// channel, the guards, and a one-line total. Colour only when asked (the CLI decides: a TTY and no NO_COLOR).
import { formatLocation, type SourceTexts } from '../diagnostics/index.js';
import type { ChannelPlan, ConfigDelta, Plan } from '../plan/plan.js';
import { certificateDigest } from './_certificates.js';
import { leafChanges, membershipChanges, summarizeItem } from './_value-diff.js';

const SYMBOL = { add: '+', modify: '~', remove: '-' } as const;
const USER_SYMBOL = { create: '+', modify: '~', 're-enroll': '~', remove: '-', converge: '?', noop: ' ' } as const;
const USER_COLOR = {
  create: 'add',
  modify: 'modify',
  're-enroll': 'modify',
  remove: 'remove',
  converge: 'modify',
  noop: 'bold',
} as const;
const COLOR = { add: '\u001b[32m', modify: '\u001b[33m', remove: '\u001b[31m', bold: '\u001b[1m', reset: '\u001b[0m' };

export function renderText(plan: Plan, options: { color?: boolean; sources?: SourceTexts } = {}): string {
  const paint = (color: keyof typeof COLOR, text: string) =>
    options.color ? `${COLOR[color]}${text}${COLOR.reset}` : text;
  const lines: string[] = [
    paint('bold', `netspec plan: ${plan.network}`) +
      ` (spec sha256 ${plan.specHash.slice(0, 12)}, state ${plan.stateDir})`,
    '',
  ];

  for (const channel of plan.channels) lines.push(...channelLines(channel, paint), '');

  const chaincodes = plan.chaincodes.filter((c) => c.action !== 'noop');
  if (chaincodes.length > 0) {
    lines.push(paint('bold', 'Chaincodes'));
    for (const c of chaincodes) {
      const symbol = c.action === 'define' ? paint('add', '+') : paint('modify', '~');
      const from = c.live ? `${c.live.version} (sequence ${c.live.sequence}) -> ` : '';
      lines.push(
        `  ${symbol} ${c.channel}/${c.name}: ${from}${c.desired.version} (sequence ${c.desired.sequence}), endorsement ${c.desired.endorsementPolicy}`,
      );
      const approvals = c.steps.flatMap((step) => (step.kind === 'approve' ? [step.mspId] : []));
      lines.push(`      approve: ${approvals.join(', ')}; then commit (${c.commitRequirement})`);
    }
    lines.push('');
  }

  const quorum = plan.quorum.filter((q) => q.action !== 'noop');
  if (quorum.length > 0) {
    lines.push(paint('bold', 'Quorum'));
    for (const network of quorum) {
      if (network.action === 'create') {
        lines.push(`  ${paint('add', '+')} ${network.network}: new network (${network.artifacts.join(', ')})`);
        continue;
      }
      for (const change of network.transitions?.changes ?? []) {
        const symbol =
          change.change === 'add' ? paint('add', '+') : change.change === 'remove' ? paint('remove', '-') : '~';
        const passed = change.block <= network.transitions!.liveBlock ? ' (already passed)' : '';
        lines.push(`  ${symbol} ${network.network}: ${change.change} transition at block ${change.block}${passed}`);
      }
      for (const step of network.votes?.steps ?? []) {
        const symbol = step.action === 'add' ? paint('add', '+') : paint('remove', '-');
        const owner = step.owner ? ` (${step.owner})` : '';
        lines.push(
          `  ${symbol} ${network.network}: ${step.action} validator ${step.address}${owner}, n ${step.before.n} -> ${step.after.n}, f ${step.before.f} -> ${step.after.f}`,
        );
        for (const warning of step.warnings) lines.push(`      warning: ${warning}`);
      }
    }
    lines.push('');
  }

  const kubernetes = plan.kubernetes.filter((org) => org.create.length + org.change.length + org.prune.length > 0);
  if (kubernetes.length > 0) {
    lines.push(paint('bold', 'Kubernetes'));
    for (const org of kubernetes) {
      lines.push(
        `  ${org.organization}: ${org.create.length} to create, ${org.change.length} to change, ${org.prune.length} to prune (${org.artifact})`,
      );
      const listed = [
        ...org.create.map((id) => `${paint('add', '+')} ${id}`),
        ...org.change.map((id) => `${paint('modify', '~')} ${id}`),
        ...org.prune.map((id) => `${paint('remove', '-')} ${id}`),
      ];
      for (const line of listed.slice(0, 12)) lines.push(`    ${line}`);
      if (listed.length > 12) lines.push(`    … ${listed.length - 12} more`);
    }
    lines.push('');
  }

  const users = (plan.users ?? []).filter((org) => org.users.some((user) => user.action !== 'noop'));
  if (users.length > 0) {
    lines.push(paint('bold', 'Users'));
    for (const org of users) {
      lines.push(
        `  ${org.organization}: ${org.record ? `compared with ${org.record} in the state` : 'nothing recorded in the state yet'}`,
      );
      for (const user of org.users) {
        if (user.action === 'noop') continue;
        const symbol = paint(USER_COLOR[user.action], USER_SYMBOL[user.action]);
        const changes = user.changes.length > 0 ? `: ${user.changes.join('; ')}` : '';
        lines.push(`    ${symbol} ${user.user} (${user.action})${changes}`, `        ${user.effect}`);
      }
    }
    lines.push('');
  }

  if (plan.guards.length > 0) {
    lines.push(paint('bold', 'Guards'));
    for (const { diagnostic } of plan.guards) {
      const severity = diagnostic.severity === 'error' ? paint('remove', 'error') : paint('modify', 'warning');
      const where = options.sources ? `${formatLocation(diagnostic.ranges[0], options.sources)} ` : '';
      lines.push(`  ${where}${severity} ${diagnostic.code} ${diagnostic.message}`);
      if (diagnostic.severity === 'error')
        lines.push(`      to proceed deliberately, add ${diagnostic.code} to \`allow\` in the spec`);
    }
    lines.push('');
  }

  const certificates = certificateDigest(plan.certificates);
  if (certificates) lines.push(certificates);
  lines.push(totalLine(plan));
  return `${lines.join('\n')}\n`;
}

function channelLines(channel: ChannelPlan, paint: (color: keyof typeof COLOR, text: string) => string): string[] {
  const title = `Channel ${channel.channel}`;
  if (channel.action === 'noop')
    return [`${paint('bold', title)}: no changes (config sequence ${channel.baseSequence})`];
  if (channel.action === 'create') {
    return [
      `${paint('bold', title)}: ${paint('add', 'create')}`,
      `  ${paint('add', '+')} members ${channel.members.join(', ')}; ordered by ${channel.ordererOrgs.join(', ')}`,
      `  genesis block: ${channel.artifact} (sha256 ${channel.artifactHash?.slice(0, 12)})`,
      '  joined by each orderer organization through the channel participation API, then by each member’s peers',
    ];
  }
  const lines = [`${paint('bold', title)}: ${paint('modify', 'update')} (config sequence ${channel.baseSequence})`];
  for (const stage of channel.stages ?? [])
    lines.push(
      `  stage ${stage.number}/${channel.stages!.length} ${stage.status === 'this' ? '(this bundle)' : `(${stage.status})`}: ${stage.title}`,
    );
  for (const delta of channel.delta) lines.push(...deltaLines(delta, paint));
  lines.push('  who must sign:');
  for (const signer of channel.signers) lines.push(`    ${signer.summary}`);
  return lines;
}

function deltaLines(delta: ConfigDelta, paint: (color: keyof typeof COLOR, text: string) => string): string[] {
  const versions = delta.change === 'modify' ? `  v${delta.fromVersion} -> v${delta.toVersion}` : '';
  const head = `  ${paint(delta.change, SYMBOL[delta.change])} ${delta.kind.padEnd(6)} ${delta.path}${versions}`;
  const detail: string[] = [];
  if (delta.kind === 'group') detail.push(...membershipChanges(delta));
  else if (delta.change === 'modify' && (delta.kind === 'policy' || delta.path.endsWith('/MSP'))) {
    detail.push(`${summarizeItem(delta, delta.before)} -> ${summarizeItem(delta, delta.after)}`);
  } else if (delta.change === 'modify') detail.push(...leafChanges(delta.before, delta.after));
  else if (delta.change === 'add') detail.push(summarizeItem(delta, delta.after));
  if (delta.problem) detail.push(`problem: ${delta.problem}`);
  return [head, ...detail.filter(Boolean).map((line) => `        ${line}`)];
}

export function totalLine(plan: Plan): string {
  const s = plan.summary;
  if (!s.hasChanges) return 'No changes. The live network matches the spec.';
  const parts = [
    `${s.channelsCreated} channel${s.channelsCreated === 1 ? '' : 's'} to create`,
    `${s.channelsUpdated} to update`,
    `${s.chaincodeChanges} chaincode definition${s.chaincodeChanges === 1 ? '' : 's'}`,
    `${s.validatorVotes} validator vote${s.validatorVotes === 1 ? '' : 's'}`,
    `${s.kubernetesChanges} Kubernetes object${s.kubernetesChanges === 1 ? '' : 's'}`,
    // Only when there are any: plans of networks without users read as they always have.
    ...(s.userChanges ? [`${s.userChanges} user${s.userChanges === 1 ? '' : 's'}`] : []),
  ];
  return `Plan: ${parts.join(', ')}.${s.blocked ? ' BLOCKED by safety guards.' : ''}`;
}
