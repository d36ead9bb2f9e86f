// The org's namespace and its guard rails: Pod Security labels, a default-deny NetworkPolicy with one allow
// policy per component (only the ports the consortium uses), and PodDisruptionBudgets that keep a drain from
// taking down two consenters or two peers of the org at once.

import { CA_OPERATIONS_PORT, chaincodeServers } from './fabric-views.js';
import { type Component, commonLabels } from './labels.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { ownedQuorumNodes, RAFT_PORT, TESSERA_PORTS } from './quorum-views.js';

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
  const egressPorts = consortiumPorts(scope);
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('allow-dns-and-namespace-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [tcp(53), udp(53)] }, { to: [{ podSelector: {} }] }],
    }),
    ...(egressPorts.length > 0
      ? [
          policy('allow-consortium-egress', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ ports: egressPorts }],
          }),
        ]
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

/** From anywhere: other orgs, their clients and pipelines (every one of these ports is TLS or mutual TLS). */
const anywhere = (ports: Port[]): IngressRule => ({ ports });
/** From this cluster only: metrics scrapers, ingress controllers, port-forwards. */
const cluster = (ports: Port[]): IngressRule => ({ from: [{ namespaceSelector: {} }], ports });
const fromComponent = (component: Component, ports: Port[]): IngressRule => ({
  from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/component': component } } }],
  ports,
});

function componentIngress(scope: OrganizationScope): { component: Component; rules: IngressRule[] }[] {
  const { org } = scope;
  const result: { component: Component; rules: IngressRule[] }[] = [
    { component: 'ca', rules: [anywhere([tcp(org.ca.port)]), cluster([tcp(CA_OPERATIONS_PORT)])] },
  ];
  if (org.peers.length > 0)
    result.push({
      component: 'peer',
      rules: [
        anywhere(distinct(org.peers.map((p) => tcp(p.port)))),
        cluster(distinct(org.peers.map((p) => tcp(p.operationsPort)))),
      ],
    });
  if (org.orderers.length > 0)
    result.push({
      component: 'orderer',
      rules: [
        anywhere(distinct(org.orderers.flatMap((o) => [tcp(o.port), tcp(o.adminPort)]))),
        cluster(distinct(org.orderers.map((o) => tcp(o.operationsPort)))),
      ],
    });
  const servers = chaincodeServers(scope);
  if (servers.length > 0)
    result.push({
      component: 'chaincode',
      rules: [fromComponent('peer', distinct(servers.map((s) => tcp(s.server.port))))],
    });
  const nodes = ownedQuorumNodes(scope);
  if (nodes.length > 0)
    result.push({
      component: 'quorum-node',
      rules: [
        anywhere(
          distinct(
            nodes.flatMap(({ node, network }) => [
              tcp(node.p2pPort),
              ...(network.client === 'besu' ? [udp(node.p2pPort)] : []),
              ...(network.consensus === 'raft' ? [tcp(RAFT_PORT)] : []),
            ]),
          ),
        ),
        cluster(distinct(nodes.map(({ node }) => tcp(node.rpcPort)))),
      ],
    });
  if (nodes.some(({ network }) => network.privacy))
    result.push({
      component: 'tessera',
      rules: [
        anywhere([tcp(TESSERA_PORTS.p2p)]),
        fromComponent('quorum-node', [tcp(TESSERA_PORTS.q2t)]),
        cluster([tcp(TESSERA_PORTS.thirdParty)]),
      ],
    });
  return result;
}

/**
 * The ports this org's nodes dial elsewhere: peers of the channels it is a member of and their orderers,
 * fellow consenters of the channels its orderers serve, and the nodes of the Quorum networks it runs nodes in.
 */
function consortiumPorts(scope: OrganizationScope): Port[] {
  const { model, org } = scope;
  const orgs = new Map(model.organizations.map((o) => [o.name, o]));
  // Port numbers only (all TCP): in a large consortium every member channel names the same few ports again.
  const ports = new Set<number>();
  for (const channel of model.channels) {
    const member = org.peers.length > 0 && channel.members.includes(org.name);
    const consenter = channel.orderer.consenters.some((c) => c.organization === org.name);
    if (member) {
      for (const name of channel.members) for (const peer of orgs.get(name)?.peers ?? []) ports.add(peer.port);
    }
    if (member || consenter) for (const consenter of channel.orderer.consenters) ports.add(consenter.port);
  }
  for (const network of new Set(ownedQuorumNodes(scope).map((owned) => owned.network))) {
    for (const node of [...network.validators, ...network.members]) ports.add(node.p2pPort);
    if (network.consensus === 'raft') ports.add(RAFT_PORT);
    if (network.privacy) ports.add(TESSERA_PORTS.p2p);
  }
  return distinct([...ports].map(tcp));
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
