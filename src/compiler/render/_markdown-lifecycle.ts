// The parts of the PR comment that are not channel config: chaincode definitions (each member approves, then one
// commit) and Quorum validator sets (a new network's genesis, or the votes that move the live set).
import type { NetworkModel } from '../model/network-model.js';
import type {
  ChaincodeDefinitionSummary,
  ChaincodePlan,
  QuorumPlan,
  QuorumTransitionsChange,
  ValidatorContractDrift,
} from '../plan/plan.js';
import { faultTolerance } from '../quorum/index.js';
import type { QbftTransitionJson } from '../quorum/transitions.js';
import { orgLabel } from './_markdown-channels.js';
import { code, escapeText, plural, table } from './_markdown-text.js';

const CHAINCODE_ACTION: Readonly<Record<ChaincodePlan['action'], string>> = {
  define: '\\+ define',
  upgrade: '~ upgrade',
  noop: 'unchanged',
};

export function chaincodeSection(chaincodes: readonly ChaincodePlan[], model: NetworkModel): string[] {
  if (chaincodes.length === 0) return [];
  const changed = chaincodes.filter((c) => c.action !== 'noop');
  const lines = ['## Chaincode definitions', ''];
  if (changed.length === 0) {
    lines.push(`All ${plural(chaincodes.length, 'chaincode definition')} match what is committed.`, '');
    return lines;
  }
  const rows = changed.map((c) => [
    code(c.channel),
    code(c.name),
    c.live ? definitionText(c.live) : '—',
    definitionText(c.desired),
    CHAINCODE_ACTION[c.action],
    definitionChanges(c).map(escapeText).join('<br>') || '—',
  ]);
  lines.push(
    ...table(
      ['Channel', 'Chaincode', 'Live', 'Desired', 'Action', 'What changes'],
      ['l', 'l', 'l', 'l', 'l', 'l'],
      rows,
    ),
  );
  const unchanged = chaincodes.length - changed.length;
  if (unchanged > 0) lines.push('', `${plural(unchanged, 'other definition')} unchanged.`);
  lines.push('', '#### Approvals, then commit', '');
  for (const chaincode of changed) {
    const { desired } = chaincode;
    lines.push(
      `${code(chaincode.name)} on ${code(chaincode.channel)}: version ${code(desired.version)}, sequence ${desired.sequence}, ` +
        `endorsement ${code(desired.endorsementPolicy)}`,
    );
    let step = 0;
    for (const s of chaincode.steps) {
      step++;
      if (s.kind === 'approve') {
        lines.push(`${step}. [ ] ${escapeText(orgLabel(s.mspId, model))} approves the definition`);
      } else {
        const by = s.organizations.map((name) => model.organizations.find((o) => o.name === name)?.mspId ?? name);
        lines.push(
          `${step}. [ ] commit, endorsed by peers of ${escapeText(by.join(', '))}; needs ${code(chaincode.commitRequirement)}`,
        );
      }
    }
    lines.push('');
  }
  return lines;
}

function definitionText(d: ChaincodeDefinitionSummary): string {
  return `${code(d.version)} · seq ${d.sequence}`;
}

/** Only the fields that differ from the committed definition (everything, for a new one). */
function definitionChanges(c: ChaincodePlan): string[] {
  const live = c.live;
  const d = c.desired;
  if (!live) return [`new definition${d.initRequired ? ', init required' : ''}`];
  const changes: string[] = [];
  if (live.version !== d.version) changes.push(`version ${live.version} → ${d.version}`);
  if (live.sequence !== d.sequence) changes.push(`sequence ${live.sequence} → ${d.sequence}`);
  if (live.endorsementPolicy !== d.endorsementPolicy)
    changes.push(`endorsement ${live.endorsementPolicy} → ${d.endorsementPolicy}`);
  if (live.initRequired !== d.initRequired) changes.push(`init required ${live.initRequired} → ${d.initRequired}`);
  const added = d.collections.filter((name) => !live.collections.includes(name));
  const removed = live.collections.filter((name) => !d.collections.includes(name));
  if (added.length > 0) changes.push(`+ collections ${added.join(', ')}`);
  if (removed.length > 0) changes.push(`- collections ${removed.join(', ')}`);
  return changes;
}

export function quorumSection(quorum: readonly QuorumPlan[], model: NetworkModel): string[] {
  if (quorum.length === 0) return [];
  const lines = ['## Quorum networks', ''];
  for (const network of quorum) {
    const spec = model.quorum.find((q) => q.name === network.network);
    const engine = spec ? ` (${escapeText(spec.client)}, ${escapeText(spec.consensus)}, chain id ${spec.chainId})` : '';
    if (network.validatorContract) lines.push(...contractDriftLines(network.network, network.validatorContract));
    if (network.action === 'noop') {
      if (!network.validatorContract)
        lines.push(`Quorum ${code(network.network)}${engine}: validators and transitions match the spec.`, '');
      continue;
    }
    if (network.transitions) lines.push(...transitionLines(network.network, network.transitions, engine));
    if (network.action === 'create') {
      lines.push(`### \\+ Quorum ${code(network.network)}: create${engine}`, '');
      const validators = spec?.validators ?? [];
      const n = validators.length;
      lines.push(
        `A new network of ${plural(n, 'validator')} (tolerates f = ${faultTolerance(n)} faulty). ` +
          `Artifacts: ${network.artifacts.map(code).join(', ')}.`,
        '',
      );
      if (validators.length > 0) {
        lines.push(
          ...table(
            ['Validator', 'Owner', 'Host'],
            ['l', 'l', 'l'],
            validators.map((v) => [code(v.name), escapeText(v.organization), code(v.host)]),
          ),
          '',
        );
      }
      continue;
    }
    const votes = network.votes;
    if (!votes) {
      if (!network.transitions)
        lines.push(`### ~ Quorum ${code(network.network)}${engine}`, '', 'No votes recorded.', '');
      continue;
    }
    lines.push(`### ~ Quorum ${code(network.network)}: validator votes${engine}`, '');
    lines.push(
      `From the live set of ${plural(votes.live.validators.length, 'validator')}` +
        (votes.live.blockNumber !== null ? ` at block ${votes.live.blockNumber}` : '') +
        `, one change per step; each step must pass (a majority of validators vote for it) before the next. Votes: ${network.artifacts.map(code).join(', ')}.`,
      '',
    );
    const rows = votes.steps.map((s, index) => [
      String(index + 1),
      s.action === 'add' ? '\\+ add' : '- remove',
      `${code(s.address)}${s.name ? ` (${escapeText(s.name)})` : ''}`,
      s.owner ? escapeText(s.owner) : 'unknown',
      `${s.before.n} → ${s.after.n}`,
      `${s.before.f} → ${s.after.f}`,
      s.warnings.length > 0 ? s.warnings.map((w) => `⚠️ ${escapeText(w)}`).join('<br>') : '—',
    ]);
    lines.push(
      ...table(['#', 'Vote', 'Validator', 'Owner', 'n', 'f', 'Warnings'], ['r', 'l', 'l', 'l', 'c', 'c', 'l'], rows),
      '',
    );
  }
  return lines;
}

/** The transitions that change, as Besu's genesis keys them, and what each org must do before the first block. */
function transitionLines(network: string, transitions: QuorumTransitionsChange, engine: string): string[] {
  const describe = (transition: QbftTransitionJson | undefined) =>
    transition
      ? Object.entries(transition)
          .filter(([key]) => key !== 'block')
          .map(([key, value]) => `${key}: ${code(Array.isArray(value) ? value.join(', ') : String(value))}`)
          .join('<br>') || '—'
      : '—';
  const sign = { add: '\\+ add', change: '~ change', remove: '- remove' } as const;
  const rows = transitions.changes.map((change) => [
    String(change.block),
    sign[change.change],
    describe(change.before),
    describe(change.after),
    change.block <= transitions.liveBlock ? '⛔ already passed' : `in ${change.block - transitions.liveBlock} blocks`,
  ]);
  const first = Math.min(...transitions.changes.map((change) => change.block));
  return [
    `### ~ Quorum ${code(network)}: genesis transitions${engine}`,
    '',
    `The chain is at block ${transitions.liveBlock}. Every organization updates its ${code(`${network}-genesis`)} ConfigMap ` +
      `to the new ${code(`quorum/${network}/genesis.json`)} and restarts its nodes before block ${first}; a node that ` +
      'reaches a transition block without it forks from the others.',
    '',
    ...table(['Block', 'Change', 'Before', 'After', 'When'], ['r', 'l', 'l', 'l', 'l'], rows),
    '',
  ];
}

/** Contract selection: the contract's live set, where it differs from the spec (votes cannot change it). */
function contractDriftLines(network: string, drift: ValidatorContractDrift): string[] {
  const list = (addresses: readonly string[]) => addresses.map(code).join(', ') || '—';
  return [
    `⚠️ Quorum ${code(network)}: validators are chosen by contract ${code(drift.address)}; at block ${drift.liveBlock} ` +
      `it lacks ${list(drift.missing)} and names ${list(drift.unexpected)} beyond the spec. Only a transaction to the ` +
      'contract changes them.',
    '',
  ];
}
