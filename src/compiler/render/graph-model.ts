// The consortium as a plain graph (nodes with label lines, typed edges) that the DOT and SVG renderers draw:
// organizations with their peers and orderers, channels, chaincodes, Quorum networks and their validators.
// The same content as the mermaid diagram (renderMermaid), without plan marks. Model order throughout, so the
// output is deterministic.
import type { NetworkModel } from '../model/network-model.js';

export type GraphNodeKind = 'organization' | 'channel' | 'chaincode' | 'quorum' | 'validator';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  lines: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'member' | 'orders' | 'runs' | 'validates';
}

export interface ConsortiumGraph {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function consortiumGraph(model: NetworkModel): ConsortiumGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const orgId = (name: string) => `org:${name}`;
  for (const org of model.organizations) {
    const lines = [org.mspId];
    if (org.displayName !== org.mspId) lines.push(org.displayName);
    if (org.peers.length > 0) lines.push(`peers: ${org.peers.map((p) => p.name).join(', ')}`);
    if (org.orderers.length > 0) lines.push(`orderers: ${org.orderers.map((o) => o.name).join(', ')}`);
    nodes.push({ id: orgId(org.name), kind: 'organization', lines });
  }
  for (const channel of model.channels) {
    const id = `channel:${channel.name}`;
    nodes.push({ id, kind: 'channel', lines: [`channel ${channel.name}`] });
    for (const member of channel.members) edges.push({ from: orgId(member), to: id, kind: 'member' });
    for (const orderer of channel.orderer.organizations) edges.push({ from: orgId(orderer), to: id, kind: 'orders' });
  }
  for (const chaincode of model.chaincodes) {
    const id = `chaincode:${chaincode.channel}/${chaincode.name}`;
    nodes.push({ id, kind: 'chaincode', lines: [chaincode.name, `v${chaincode.version} · seq ${chaincode.sequence}`] });
    edges.push({ from: `channel:${chaincode.channel}`, to: id, kind: 'runs' });
  }
  for (const network of model.quorum) {
    const id = `quorum:${network.name}`;
    nodes.push({ id, kind: 'quorum', lines: [`Quorum ${network.name}`, `${network.client} · ${network.consensus}`] });
    for (const validator of network.validators) {
      const validatorId = `validator:${network.name}/${validator.name}`;
      nodes.push({ id: validatorId, kind: 'validator', lines: [validator.name] });
      edges.push({ from: orgId(validator.organization), to: validatorId, kind: 'validates' });
      edges.push({ from: validatorId, to: id, kind: 'validates' });
    }
  }
  return { name: model.name, nodes, edges };
}
