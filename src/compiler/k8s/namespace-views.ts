// The org's namespace and its guard rails: Pod Security labels, a default-deny NetworkPolicy with one allow
// policy per component (only the ports the consortium uses), and PodDisruptionBudgets that keep a drain from
// taking down two consenters or two peers of the org at once.

import { channelClients, sameCluster } from '../model/organization-traffic.js';
import { CA_OPERATIONS_PORT, chaincodeServers } from './fabric-views.js';
import { type Component, commonLabels } from './labels.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { type OwnedQuorumNode, ownedQuorumNodes, RAFT_PORT, TESSERA_PORTS } from './quorum-views.js';

type Port = { port: number; protocol: 'TCP' | 'UDP' };
type IngressRule = { from?: object[]; ports: Port[] };

export function namespaceObject(scope: OrganizationScope): PlannedObject {
  return {
    template: 'namespace',
    origin: ['organizations', scope.org.name, 'kubernetes', 'namespace'],
    view: {
      name: scope.namespace,
      labels: {
        ...commonLabels(scope.model.name, scope.org.name),
        'app.kubernetes.io/name': scope.namespace,
        'app.kubernetes.io/component': 'namespace',
        // Fabric and Besu images run as root: baseline is the strictest profile they pass.
        'pod-security.kubernetes.io/enforce': 'baseline',
      },
    },
  };
}

export function networkPolicyObjects(scope: OrganizationScope): PlannedObject[] {
  const origin = ['organizations', scope.org.name];
  const policy = (name: string, view: Record<string, unknown>): PlannedObject => ({
    template: 'network-policy',
    origin,
    view: { ...scope.meta(name, 'network-policy'), ingress: null, egress: null, ...view },
  });
  const ingress = componentIngress(scope);
  const egress = consortiumEgress(scope);
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('allow-dns-and-namespace-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [tcp(53), udp(53)] }, { to: [{ podSelector: {} }] }],
    }),
    ...(egress.length > 0
      ? [policy('allow-consortium-egress', { podSelector: {}, policyTypes: ['Egress'], egress })]
      : []),
    ...ingress.map(({ component, rules }) =>
      policy(`allow-${component}-ingress`, {
        podSelector: { matchLabels: { 'app.kubernetes.io/component': component } },
        policyTypes: ['Ingress'],
        ingress: rules,
      }),
    ),
  ];
}

/** A NetworkPolicy peer: pods of this namespace, another namespace, or addresses outside the cluster. */
type Source = { podSelector: object } | { namespaceSelector: object } | { ipBlock: { cidr: string } };

/** From anywhere: the CA's clients are the org's own pipelines and applications, wherever they run (TLS). */
const anywhere = (ports: Port[]): IngressRule => ({ ports });
const fromComponent = (component: Component, ports: Port[]): IngressRule => ({
  from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/component': component } } }],
  ports,
});

function namespaceSource(namespace: string): Source {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

/**
 * Where traffic of these organizations comes from, as seen by this org's pods: this namespace for the org itself,
 * the org's namespace for an org in the same cluster (the same kubeconfig context), its declared egress CIDRs for
 * one in another cluster. undefined: some org in another cluster declares none, so its address is unknown and the
 * port is open to any source (every such port is mutual TLS or TLS).
 */
function sourcesOf(scope: OrganizationScope, names: ReadonlySet<string>): Source[] | undefined {
  const sources: Source[] = [];
  for (const other of scope.model.organizations) {
    if (!names.has(other.name)) continue;
    if (other.name === scope.org.name) sources.push({ podSelector: {} });
    else if (sameCluster(scope.org.kubernetes, other.kubernetes))
      sources.push(namespaceSource(other.kubernetes.namespace));
    else if (other.kubernetes.egressCidrs.length > 0)
      sources.push(...other.kubernetes.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })));
    else return undefined;
  }
  return sources;
}

/** Operations, admin and RPC ports: this namespace and, when the spec names one, the org's monitoring namespace. */
function insideOrg(scope: OrganizationScope, ports: Port[], monitoring = true): IngressRule {
  const from: Source[] = [{ podSelector: {} }];
  const namespace = scope.org.kubernetes.monitoringNamespace;
  if (monitoring && namespace && namespace !== scope.namespace) from.push(namespaceSource(namespace));
  return { from, ports };
}

function fromOrganizations(scope: OrganizationScope, names: ReadonlySet<string>, ports: Port[]): IngressRule {
  const from = sourcesOf(scope, new Set([...names, scope.org.name]));
  return from ? { from, ports } : { ports };
}

/** The channel graph around this org: who dials its peers, who dials its orderers. */
function channelNeighbours(scope: OrganizationScope): { peerClients: Set<string>; ordererClients: Set<string> } {
  const { model, org } = scope;
  return channelClients(
    { name: org.name, runsPeers: org.peers.length > 0, runsOrderers: org.orderers.length > 0 },
    model.channels.map((channel) => ({
      members: channel.members,
      ordererOrganizations: channel.orderer.organizations,
      consenterOrganizations: channel.orderer.consenters.map((c) => c.organization),
    })),
  );
}

function componentIngress(scope: OrganizationScope): { component: Component; rules: IngressRule[] }[] {
  const { org } = scope;
  const { peerClients, ordererClients } = channelNeighbours(scope);
  const result: { component: Component; rules: IngressRule[] }[] = org.ca.omitted
    ? []
    : [{ component: 'ca', rules: [anywhere([tcp(org.ca.port)]), insideOrg(scope, [tcp(CA_OPERATIONS_PORT)])] }];
  if (org.peers.length > 0)
    result.push({
      component: 'peer',
      rules: [
        fromOrganizations(scope, peerClients, distinct(org.peers.map((p) => tcp(p.port)))),
        insideOrg(scope, distinct(org.peers.map((p) => tcp(p.operationsPort)))),
      ],
    });
  if (org.orderers.length > 0)
    result.push({
      component: 'orderer',
      rules: [
        fromOrganizations(scope, ordererClients, distinct(org.orderers.map((o) => tcp(o.port)))),
        // osnadmin joins channels: the org's own pipeline, run in (or port-forwarded into) its namespace.
        insideOrg(scope, distinct(org.orderers.map((o) => tcp(o.adminPort))), false),
        insideOrg(scope, distinct(org.orderers.map((o) => tcp(o.operationsPort)))),
      ],
    });
  const servers = chaincodeServers(scope);
  if (servers.length > 0)
    result.push({
      component: 'chaincode',
      rules: [fromComponent('peer', distinct(servers.map((s) => tcp(s.server.port))))],
    });
  const nodes = ownedQuorumNodes(scope);
  if (nodes.length > 0) {
    const p2pRules = [...new Set(nodes.map(({ network }) => network))].map((network) =>
      fromOrganizations(
        scope,
        quorumOrganizations(network),
        distinct(
          nodes
            .filter((owned) => owned.network === network)
            .flatMap(({ node }) => [
              tcp(node.p2pPort),
              ...(network.client === 'besu' ? [udp(node.p2pPort)] : []),
              ...(network.consensus === 'raft' ? [tcp(RAFT_PORT)] : []),
            ]),
        ),
      ),
    );
    result.push({
      component: 'quorum-node',
      // JSON-RPC carries the admin and QBFT/IBFT APIs (validator votes): the org's own namespace only.
      rules: [...p2pRules, insideOrg(scope, distinct(nodes.map(({ node }) => tcp(node.rpcPort))))],
    });
  }
  const private_ = nodes.filter(({ network }) => network.privacy);
  if (private_.length > 0)
    result.push({
      component: 'tessera',
      rules: [
        fromOrganizations(scope, new Set(private_.flatMap(({ network }) => [...quorumOrganizations(network)])), [
          tcp(TESSERA_PORTS.p2p),
        ]),
        fromComponent('quorum-node', [tcp(TESSERA_PORTS.q2t)]),
        insideOrg(scope, [tcp(TESSERA_PORTS.thirdParty)]),
      ],
    });
  return result;
}

function quorumOrganizations(network: OwnedQuorumNode['network']): Set<string> {
  return new Set([...network.validators, ...network.members].map((node) => node.organization));
}

/**
 * Where this org's nodes dial out: the peers of the channels it is a member of and their orderers, the fellow
 * consenters of the channels its orderers serve, and the nodes of the Quorum networks it runs nodes in. Targets in
 * the same cluster are named by namespace; those in another cluster by port only (their addresses are DNS names
 * whose IPs the policy cannot know).
 */
function consortiumEgress(scope: OrganizationScope): { to?: Source[]; ports: Port[] }[] {
  const { model, org } = scope;
  const orgs = new Map(model.organizations.map((o) => [o.name, o]));
  const targets = new Map<string, Set<number>>();
  const dial = (organization: string, port: number) => {
    if (organization === org.name) return; // this namespace: allowed by allow-dns-and-namespace-egress
    const ports = targets.get(organization) ?? new Set<number>();
    ports.add(port);
    targets.set(organization, ports);
  };
  for (const channel of model.channels) {
    const member = org.peers.length > 0 && channel.members.includes(org.name);
    const consenter = channel.orderer.consenters.some((c) => c.organization === org.name);
    if (member)
      for (const name of channel.members) for (const peer of orgs.get(name)?.peers ?? []) dial(name, peer.port);
    if (member || consenter) for (const c of channel.orderer.consenters) dial(c.organization, c.port);
  }
  for (const network of new Set(ownedQuorumNodes(scope).map((owned) => owned.network))) {
    for (const node of [...network.validators, ...network.members]) {
      dial(node.organization, node.p2pPort);
      if (network.consensus === 'raft') dial(node.organization, RAFT_PORT);
      if (network.privacy) dial(node.organization, TESSERA_PORTS.p2p);
    }
  }
  const rules: { to?: Source[]; ports: Port[] }[] = [];
  const elsewhere = new Set<number>();
  for (const [name, ports] of [...targets].sort(([a], [b]) => a.localeCompare(b))) {
    const other = orgs.get(name);
    if (other && sameCluster(org.kubernetes, other.kubernetes))
      rules.push({ to: [namespaceSource(other.kubernetes.namespace)], ports: distinct([...ports].map(tcp)) });
    else for (const port of ports) elsewhere.add(port);
  }
  if (elsewhere.size > 0) rules.push({ ports: distinct([...elsewhere].map(tcp)) });
  return rules;
}

export function disruptionBudgetObjects(scope: OrganizationScope): PlannedObject[] {
  const { org } = scope;
  const groups: { component: Component; size: number }[] = [
    { component: 'peer', size: org.peers.length },
    { component: 'orderer', size: org.orderers.length },
    { component: 'quorum-node', size: ownedQuorumNodes(scope).length },
  ];
  const budgets: PlannedObject[] = groups
    .filter((group) => group.size > 1)
    .map(({ component }) => ({
      template: 'pod-disruption-budget',
      origin: ['organizations', org.name],
      view: {
        ...scope.meta(`${component}s`, component),
        maxUnavailable: 1,
        matchLabels: { 'app.kubernetes.io/component': component },
      },
    }));
  for (const { name, server, index } of chaincodeServers(scope))
    if (server.replicas > 1)
      budgets.push({
        template: 'pod-disruption-budget',
        origin: ['chaincodes', index, 'server', 'replicas'],
        view: { ...scope.meta(name, 'chaincode'), maxUnavailable: 1, matchLabels: scope.selector(name, 'chaincode') },
      });
  return budgets;
}

function tcp(port: number): Port {
  return { port, protocol: 'TCP' };
}
function udp(port: number): Port {
  return { port, protocol: 'UDP' };
}
function distinct(ports: Port[]): Port[] {
  const seen = new Map(ports.map((p) => [`${p.protocol}/${p.port}`, p]));
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}
