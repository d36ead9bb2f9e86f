// One Quorum network: a new network gets its genesis and node lists; a live one gets the validator votes that
// move the live set to the spec's, one change at a time, and, under Besu QBFT, the new genesis when its
// transitions change. Validators a contract chooses cannot be voted: a difference is reported, not planned.
import { isDeepStrictEqual } from 'node:util';
import type { QuorumNetworkModel } from '../model/network-model.js';
import { buildGenesis, buildVotesFile, canonicalJson, emitQuorumArtifacts, renderVotesFile } from '../quorum/index.js';
import { type QbftTransitionJson, qbftTransitions, validatorSelectionAt } from '../quorum/transitions.js';
import { identitiesOf } from '../quorum/validator-set.js';
import type { QuorumPlan, QuorumTransitionChange, ValidatorContractDrift } from './plan.js';
import type { QuorumState } from './state/read-quorum-state.js';

export function planQuorum(
  network: QuorumNetworkModel,
  live: QuorumState | undefined,
): { plan: QuorumPlan; artifacts: Map<string, Uint8Array> } {
  const artifacts = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const folder = `quorum/${network.name}`;
  if (!live) {
    for (const [name, text] of Object.entries(emitQuorumArtifacts(network)))
      artifacts.set(`${folder}/${name}`, encoder.encode(text));
    return { plan: { network: network.name, action: 'create', artifacts: [...artifacts.keys()] }, artifacts };
  }
  const plan: QuorumPlan = { network: network.name, action: 'noop', artifacts: [] };

  const changes = transitionChanges(live.transitions, besuQbft(network) ? qbftTransitions(network) : []);
  if (changes.length > 0) {
    // Every node restarts with this genesis before the first changed block: its ConfigMap carries the same bytes.
    artifacts.set(`${folder}/genesis.json`, encoder.encode(canonicalJson(buildGenesis(network))));
    plan.transitions = { liveBlock: live.blockNumber, changes };
  }

  const selection = besuQbft(network) ? validatorSelectionAt(network, live.blockNumber) : undefined;
  if (selection?.mode === 'contract') {
    const drift = contractDrift(network, live, selection.address);
    if (drift) plan.validatorContract = drift;
  } else {
    const votes = buildVotesFile(network, live);
    if (votes && votes.steps.length > 0) {
      artifacts.set(`${folder}/votes.json`, encoder.encode(renderVotesFile(votes)));
      plan.votes = votes;
    }
  }
  plan.artifacts = [...artifacts.keys()];
  plan.action = plan.transitions ? 'update' : plan.votes ? 'vote' : 'noop';
  return { plan, artifacts };
}

function besuQbft(network: QuorumNetworkModel): boolean {
  return network.client === 'besu' && network.consensus === 'qbft';
}

/** Transitions by block: those only the spec has are added, only the live genesis has removed, differing changed. */
export function transitionChanges(
  live: readonly QbftTransitionJson[],
  desired: readonly QbftTransitionJson[],
): QuorumTransitionChange[] {
  const before = new Map(live.map((transition) => [transition.block, transition]));
  const after = new Map(desired.map((transition) => [transition.block, transition]));
  const blocks = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  return blocks.flatMap((block): QuorumTransitionChange[] => {
    const was = before.get(block);
    const will = after.get(block);
    if (was && will) return isDeepStrictEqual(was, will) ? [] : [{ change: 'change', block, before: was, after: will }];
    return was ? [{ change: 'remove', block, before: was }] : [{ change: 'add', block, after: will! }];
  });
}

function contractDrift(
  network: QuorumNetworkModel,
  live: QuorumState,
  address: string,
): ValidatorContractDrift | undefined {
  const desired = identitiesOf(network.validators).map((validator) => validator.address);
  const missing = desired.filter((validator) => !live.validators.includes(validator));
  const unexpected = live.validators.filter((validator) => !desired.includes(validator));
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  return { address, liveBlock: live.blockNumber, missing, unexpected };
}
