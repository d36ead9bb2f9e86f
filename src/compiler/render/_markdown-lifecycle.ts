// The parts of the PR comment that are not channel config: chaincode definitions (each member approves, then one
// commit) and Quorum validator sets (a new network's genesis, or the votes that move the live set).
import type { NetworkModel } from '../model/network-model.js';
import type { ChaincodeDefinitionSummary, ChaincodePlan, QuorumPlan } from '../plan/plan.js';
import { faultTolerance } from '../quorum/index.js';
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
    if (network.action === 'noop') {
      lines.push(`Quorum ${code(network.network)}${engine}: validators match the spec.`, '');
      continue;
    }
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
    lines.push(`### ~ Quorum ${code(network.network)}: validator votes${engine}`, '');
    if (!votes) {
      lines.push('No votes recorded.', '');
      continue;
    }
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
