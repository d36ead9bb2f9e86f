// One Quorum network: a new network gets its genesis and node lists; a live one gets the validator votes that
// move the live set to the spec's, one change at a time.
import type { QuorumNetworkModel } from '../model/network-model.js';
import { buildVotesFile, emitQuorumArtifacts, renderVotesFile } from '../quorum/index.js';
import type { QuorumPlan } from './plan.js';
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
  const votes = buildVotesFile(network, live);
  if (!votes || votes.steps.length === 0)
    return { plan: { network: network.name, action: 'noop', artifacts: [] }, artifacts };
  artifacts.set(`${folder}/votes.json`, encoder.encode(renderVotesFile(votes)));
  return { plan: { network: network.name, action: 'vote', artifacts: [...artifacts.keys()], votes }, artifacts };
}
