// The consortium map's layout: organizations on one side, channels and Quorum networks on the other, an edge for
// each membership, placed by ELK's layered algorithm (elkjs, run in the page: no worker, so it runs from file://).

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { NetworkOverview } from '../documents.js';

export interface MapNode {
  id: string;
  kind: 'organization' | 'channel' | 'quorum';
  name: string;
  title: string;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapEdge {
  id: string;
  kind: 'member' | 'orderer' | 'validator';
  points: { x: number; y: number }[];
}

export interface MapLayout {
  nodes: MapNode[];
  edges: MapEdge[];
  width: number;
  height: number;
}

const LINE_HEIGHT = 16;
const WIDTH = 230;

type Draft = Omit<MapNode, 'x' | 'y' | 'width' | 'height'>;

export async function layoutMap(overview: NetworkOverview): Promise<MapLayout> {
  const drafts: Draft[] = [
    ...overview.organizations.map((org) => ({
      id: `organization:${org.name}`,
      kind: 'organization' as const,
      name: org.name,
      title: org.displayName,
      lines: [
        `${org.name} · ${org.mspId}`,
        org.roles.join(' + '),
        [org.region, org.cluster].filter(Boolean).join(' · ') || 'no region or cluster set',
        ...org.orderers.map((orderer) => `orderer ${orderer.name}`),
        ...org.peers.map((peer) => `peer ${peer.name}${peer.anchor ? ' (anchor)' : ''}`),
      ],
    })),
    ...overview.channels.map((channel) => ({
      id: `channel:${channel.name}`,
      kind: 'channel' as const,
      name: channel.name,
      title: `channel ${channel.name}`,
      lines: [
        `${channel.members.length} members · ${channel.consensus}`,
        `${channel.consenters.length} consenters`,
        ...channel.chaincodes.map((chaincode) => `${chaincode.name} ${chaincode.version}`),
      ],
    })),
    ...overview.quorum.map((network) => ({
      id: `quorum:${network.name}`,
      kind: 'quorum' as const,
      name: network.name,
      title: `${network.client} ${network.name}`,
      lines: [
        `${network.consensus}, chain ${network.chainId}`,
        `${network.validators.length} validators, tolerates ${network.faultTolerance}`,
        ...network.validators.map((validator) => `${validator.name} (${validator.organization})`),
      ],
    })),
  ];
  const edges: { id: string; kind: MapEdge['kind']; source: string; target: string }[] = [];
  for (const channel of overview.channels) {
    for (const member of channel.members)
      edges.push({
        id: `member:${member}:${channel.name}`,
        kind: 'member',
        source: `organization:${member}`,
        target: `channel:${channel.name}`,
      });
    for (const orderer of channel.ordererOrganizations)
      edges.push({
        id: `orderer:${orderer}:${channel.name}`,
        kind: 'orderer',
        source: `organization:${orderer}`,
        target: `channel:${channel.name}`,
      });
  }
  for (const network of overview.quorum)
    for (const owner of new Set(network.validators.map((validator) => validator.organization)))
      edges.push({
        id: `validator:${owner}:${network.name}`,
        kind: 'validator',
        source: `organization:${owner}`,
        target: `quorum:${network.name}`,
      });

  const elk = new ELK();
  const input: ElkNode = {
    id: 'consortium',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.edgeRouting': 'SPLINES',
    },
    children: drafts.map((draft) => ({ id: draft.id, width: WIDTH, height: 30 + draft.lines.length * LINE_HEIGHT })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const graph = await elk.layout(input);
  const placed = new Map((graph.children ?? []).map((child) => [child.id, child]));
  return {
    nodes: drafts.map((draft) => {
      const child = placed.get(draft.id);
      return {
        ...draft,
        x: child?.x ?? 0,
        y: child?.y ?? 0,
        width: child?.width ?? WIDTH,
        height: child?.height ?? 40,
      };
    }),
    edges: (graph.edges ?? []).map((edge) => {
      const section = edge.sections?.[0];
      const kind = edges.find((candidate) => candidate.id === edge.id)?.kind ?? 'member';
      return {
        id: edge.id,
        kind,
        points: section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [],
      };
    }),
    width: graph.width ?? 800,
    height: graph.height ?? 600,
  };
}

export const MAP_LINE_HEIGHT = LINE_HEIGHT;
