// An organization whose nodes dial another organization's nodes in another cluster declares the CIDRs its traffic
// leaves from (`kubernetes.egressCidrs`). The other organization's NetworkPolicies can name an organization of
// its own cluster by namespace, but one in another cluster only by those CIDRs (a NetworkPolicy ipBlock); without
// them netspec cannot restrict the port to the consortium and opens it to any source (k8s/namespace-views.ts).
// Warned only where the two really talk (a shared channel whose peers or orderers one dials, or a shared Quorum
// network), from the same graph the policies are built from (model/organization-traffic.ts).

import {
  type ClusterPlacement,
  channelClients,
  sameCluster,
  type TrafficChannel,
} from '../../model/organization-traffic.js';
import type { NetworkSpec } from '../../model/spec.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf, splitNodeRef } from './_spec-walk.js';

export const egressCidrsDeclared: Rule = (ctx) => {
  const kubernetesOn = ctx.spec.kubernetes?.enabled ?? true;
  if (!kubernetesOn) return;
  const organizations = entriesOf(ctx.spec.organizations);
  const placement = new Map<string, ClusterPlacement>(
    organizations.map(([name, org]) => {
      const kubernetes = org?.kubernetes;
      const managed = kubernetes !== undefined && kubernetes !== null;
      return [name, { managed, ...(typeof kubernetes?.context === 'string' ? { context: kubernetes.context } : {}) }];
    }),
  );
  const traffic = trafficOf(ctx.spec);
  // For each organization, the organizations in other clusters whose policies must admit its traffic.
  const admittedBy = new Map<string, Set<string>>();
  for (const [name, org] of organizations) {
    const own = placement.get(name)!;
    // Only an organization netspec places gets NetworkPolicies.
    if (!own.managed) continue;
    for (const client of clientsOf(traffic, name, listOf(org?.peers).length > 0, listOf(org?.orderers).length > 0)) {
      const theirs = placement.get(client);
      // An organization netspec does not place has no `kubernetes:` to declare CIDRs in: nothing to suggest.
      if (client === name || !theirs?.managed || sameCluster(own, theirs)) continue;
      admittedBy.set(client, (admittedBy.get(client) ?? new Set()).add(name));
    }
  }
  for (const [name, org] of organizations) {
    const admitting = admittedBy.get(name);
    if (!admitting || listOf(org?.kubernetes?.egressCidrs).length > 0) continue;
    const others = [...admitting].sort();
    const context = org?.kubernetes?.context;
    ctx.report({
      code: 'NS_EGRESS_CIDRS_MISSING',
      severity: 'warning',
      message:
        `organization '${name}' runs in ${context ? `cluster context '${context}'` : 'the current cluster context'}, ` +
        `apart from ${others.map((o) => `'${o}'`).join(', ')} whose nodes it dials, and declares no egress CIDRs: ` +
        `${others.length > 1 ? 'their' : 'its'} NetworkPolicies cannot name its traffic, so they admit any source ` +
        'to those ports',
      hint: `set kubernetes.egressCidrs of '${name}' to the CIDRs its cluster sends traffic from (such as its NAT gateways' addresses)`,
      at: ['organizations', name, 'kubernetes'],
      target: 'key',
    });
  }
};

/** The spec's channels as traffic, and the organizations of each Quorum network's nodes: read once per spec. */
interface SpecTraffic {
  channels: TrafficChannel[];
  quorumOrganizations: string[][];
}

function trafficOf(spec: NetworkSpec): SpecTraffic {
  return {
    channels: entriesOf(spec.channels).map(([, channel]) => ({
      members: listOf(channel?.members).filter((m): m is string => typeof m === 'string'),
      ordererOrganizations: listOf(channel?.orderer?.organizations).filter((o): o is string => typeof o === 'string'),
      consenterOrganizations: listOf(channel?.orderer?.consenters).flatMap((ref) => {
        const split = splitNodeRef(ref);
        return split ? [split.org] : [];
      }),
    })),
    quorumOrganizations: entriesOf(spec.quorum).map(([, network]) =>
      [...listOf(network?.validators), ...listOf(network?.members)]
        .map((node) => node?.organization)
        .filter((o): o is string => typeof o === 'string'),
    ),
  };
}

/** The organizations whose nodes dial this organization's peers, orderers, Quorum nodes or Tesseras. */
function clientsOf(traffic: SpecTraffic, name: string, runsPeers: boolean, runsOrderers: boolean): Set<string> {
  const { peerClients, ordererClients } = channelClients({ name, runsPeers, runsOrderers }, traffic.channels);
  const clients = new Set([...peerClients, ...ordererClients]);
  for (const nodeOrganizations of traffic.quorumOrganizations)
    if (nodeOrganizations.includes(name)) for (const o of nodeOrganizations) clients.add(o);
  return clients;
}
