// Who dials whose nodes, and whether two organizations share a cluster. The NetworkPolicies an organization's
// namespace gets (k8s/namespace-views.ts) admit exactly these neighbours, and the validate rule on egress CIDRs
// (validate/rules/egress-cidrs-declared.ts) warns exactly where such a policy cannot name one: one graph for both,
// so the warning fires where a policy really opens a port, and nowhere else.

/** A channel as the traffic between organizations sees it. */
export interface TrafficChannel {
  members: readonly string[];
  /** The channel's orderer organizations. */
  ordererOrganizations: readonly string[];
  /** The organizations of its consenters. */
  consenterOrganizations: readonly string[];
}

/** An organization as the traffic sees it: which kinds of Fabric node it runs. */
export interface TrafficOrganization {
  name: string;
  runsPeers: boolean;
  runsOrderers: boolean;
}

/** The organizations whose nodes dial this organization's peers, and those that dial its orderers. */
export function channelClients(
  org: TrafficOrganization,
  channels: readonly TrafficChannel[],
): { peerClients: Set<string>; ordererClients: Set<string> } {
  const peerClients = new Set<string>();
  const ordererClients = new Set<string>();
  for (const channel of channels) {
    // Members' peers gossip with this org's peers, and their gateways ask them for endorsements.
    if (org.runsPeers && channel.members.includes(org.name)) for (const m of channel.members) peerClients.add(m);
    // Members' peers pull blocks from and gateways broadcast to the channel's orderers; fellow consenters replicate.
    const serves =
      channel.consenterOrganizations.includes(org.name) ||
      (channel.ordererOrganizations.includes(org.name) && org.runsOrderers);
    if (serves) {
      for (const m of channel.members) ordererClients.add(m);
      for (const c of channel.consenterOrganizations) ordererClients.add(c);
      for (const o of channel.ordererOrganizations) ordererClients.add(o);
    }
  }
  return { peerClients, ordererClients };
}

/** Where an organization's Kubernetes workloads run, as far as the spec says. */
export interface ClusterPlacement {
  /** netspec emits the organization's objects (it has a `kubernetes:` placement, Kubernetes is on). */
  managed: boolean;
  /** The kubeconfig context it is applied with; undefined: the current one. */
  context?: string;
}

/**
 * Whether `other` runs in the cluster of `org`: both are placed by netspec with the same kubeconfig context (an
 * absent context is the current one). A policy can name such an organization by its namespace; one in another
 * cluster (or running its nodes its own way) only by the CIDRs it sends from.
 */
export function sameCluster(org: ClusterPlacement, other: ClusterPlacement): boolean {
  return other.managed && (other.context ?? '') === (org.context ?? '');
}
