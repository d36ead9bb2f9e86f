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
): Record<string, string> {
  const view = { ...network, client };
  const files: Record<string, string> = {
    'genesis.json': canonicalJson(buildGenesis(network, client)),
    'static-nodes.json': canonicalJson(staticNodes(view)),
  };
  if (client === 'goquorum') files['permissioned-nodes.json'] = canonicalJson(staticNodes(view));
  if (network.privacy) files['tessera-peers.json'] = canonicalJson({ peer: tesseraPeers(view) });
  return files;
}
