// The files of one Quorum network in a bundle (`quorum/<network>/...`), as relative path -> text.
import type { QuorumNetworkModel } from '../model/network-model.js';
import { canonicalJson } from './canonical-json.js';
import { buildGenesis } from './genesis.js';
import { staticNodes, tesseraPeers } from './node-lists.js';
import type { QuorumClient } from './validator-set.js';

/**
 * genesis.json and static-nodes.json always; permissioned-nodes.json for GoQuorum (Besu keeps its allowlist in a
 * TOML permissions file, not here); tessera-peers.json when privacy is on.
 */
export function emitQuorumArtifacts(
  network: QuorumNetworkModel,
  client: QuorumClient = network.client,
): Readonly<Record<string, string>> {
  // The bundle and every organization running one of the network's nodes (its ConfigMaps) carry these files:
  // made once per network and client, not once per organization (each validator's address is a curve check and a
  // keccak-256). Keyed by the model's content too, so a model changed in place is emitted afresh.
  const content = `${client}\n${JSON.stringify(network)}`;
  const known = emitted.get(network);
  if (known?.content === content) return known.files;
  const files = Object.freeze(emitFiles(network, client));
  emitted.set(network, { content, files });
  return files;
}

const emitted = new WeakMap<QuorumNetworkModel, { content: string; files: Readonly<Record<string, string>> }>();

function emitFiles(network: QuorumNetworkModel, client: QuorumClient): Record<string, string> {
  const view = { ...network, client };
  const files: Record<string, string> = {
    'genesis.json': canonicalJson(buildGenesis(network, client)),
    'static-nodes.json': canonicalJson(staticNodes(view)),
  };
  if (client === 'goquorum') files['permissioned-nodes.json'] = canonicalJson(staticNodes(view));
  if (network.privacy) files['tessera-peers.json'] = canonicalJson({ peer: tesseraPeers(view) });
  return files;
}
