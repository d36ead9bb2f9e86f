// Who a node dials: static-nodes.json, GoQuorum's permissioned-nodes.json and the Tessera peer list. Every entry is
// the node's address (model/node-address.ts): its Service DNS name in the owning org's namespace unless the org
// exposes its nodes to other clusters or the spec gives an address.

import { DEFAULT_PORTS } from '../model/fabric-defaults.js';
import type { QuorumNetworkModel, QuorumNodeModel } from '../model/network-model.js';
import { nodeAddress } from '../model/node-address.js';

/** GoQuorum's default Raft transport port (`--raftport`). */
export const RAFT_PORT = 50400;
/** Tessera's default peer-to-peer port. */
export const TESSERA_P2P_PORT = DEFAULT_PORTS.tesseraP2p;

/**
 * `enode://<128 hex public key>@<host>:<p2pPort>`. GoQuorum examples add `?discport=0` (discovery off in a
 * permissioned network) and, for Raft, `&raftport=`; Besu's examples carry no query. Besu resolves a DNS name in
 * an enode only with `--Xdns-enabled=true` (and `--Xdns-update-enabled=true` for Services whose IP changes).
 */
export function enodeUrl(node: QuorumNodeModel, network: Pick<QuorumNetworkModel, 'client' | 'consensus'>): string {
  const base = `enode://${node.publicKey}@${nodeAddress(node)}`;
  if (network.client === 'besu') return base;
  return network.consensus === 'raft' ? `${base}?discport=0&raftport=${RAFT_PORT}` : `${base}?discport=0`;
}

/** Every node of the network, validators first, in spec order. */
export function staticNodes(network: QuorumNetworkModel): string[] {
  return [...network.validators, ...network.members].map((node) => enodeUrl(node, network));
}

/** Tessera `peer` entries: one private transaction manager beside each node, reached on its own Service. */
export function tesseraPeers(network: QuorumNetworkModel): { url: string }[] {
  return [...network.validators, ...network.members].map((node) => ({ url: tesseraPeerUrl(node) }));
}

/** The P2P URL of a node's Tessera: what the other Tesseras dial and what it advertises as its own. */
export function tesseraPeerUrl(node: QuorumNodeModel): string {
  return `http://${nodeAddress(node.tessera)}`;
}
