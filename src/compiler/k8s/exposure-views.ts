// How other organizations reach this organization's nodes, by its `kubernetes.exposure` (model/node-address.ts):
//   cluster or none chosen: the ClusterIP Services the workload views emit are all there is;
//   loadBalancer: a `<service>-external` Service of type LoadBalancer per node, serving only the node's address
//     port (never operations, admin or RPC), annotated with the address host for external-dns (or the org points
//     the host at it in DNS itself);
//   gateway: a TLSRoute per TLS node (or an ingress-nginx passthrough Ingress) routing the address host, by SNI, to
//     the node's ClusterIP Service; Quorum nodes and Tesseras speak devp2p and plain HTTP, which SNI cannot route,
//     so they get LoadBalancer Services as in loadBalancer mode.
// Checked against the Gateway API TLSRoute reference (gateway-api.sigs.k8s.io/api-types/tlsroute and
// guides/tls-routing: parentRefs name/namespace/sectionName, hostnames without IP addresses, rules[].backendRefs
// name/port; the Gateway's listener is `protocol: TLS`, `tls.mode: Passthrough`) and ingress-nginx's
// annotations guide (docs/user-guide/nginx-configuration/annotations.md, #ssl-passthrough: the controller needs
// `--enable-ssl-passthrough`; passthrough works at layer 4, so the Ingress's other annotations and TLS section
// do not apply; kubernetes/ingress-nginx#6722 shows the controller flag).
import type { NodeAddress } from '../model/node-address.js';
import type { Component } from './labels.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { ownedQuorumNodes, RAFT_PORT } from './quorum-views.js';

/** A node as the exposure sees it: the Service that selects it and the address others dial. */
export interface ExposedNode {
  origin: (string | number)[];
  serviceName: string;
  component: Component;
  address: NodeAddress;
  /** Ports others dial: the first is the address port; each maps to the container port it reaches. */
  ports: { name: string; port: number; targetPort: number }[];
  /** Whether SNI passthrough can route it (TLS from the first byte). */
  tls: boolean;
}

/** The annotation external-dns reads a Service's DNS name from (kubernetes-sigs/external-dns, docs/annotations). */
export const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

/** Suffix of the LoadBalancer Service beside a node's ClusterIP Service. */
export const EXTERNAL_SERVICE_SUFFIX = '-external';

/** Every node this organization runs that other organizations dial, with the Service that selects it. */
export function exposedNodes(scope: OrganizationScope): ExposedNode[] {
  const { org } = scope;
  const tlsNode = (
    origin: (string | number)[],
    node: { serviceName: string; address: NodeAddress; port: number },
    component: Component,
    portName: string,
  ): ExposedNode => ({
    origin,
    serviceName: node.serviceName,
    component,
    address: node.address,
    ports: [{ name: portName, port: node.address.port, targetPort: node.port }],
    tls: true,
  });
  const quorum = ownedQuorumNodes(scope).flatMap(({ network, node, origin }): ExposedNode[] => {
    const raft = network.client === 'goquorum' && network.consensus === 'raft';
    return [
      {
        origin,
        serviceName: node.serviceName,
        component: 'quorum-node',
        address: node.address,
        ports: [
          { name: 'p2p', port: node.address.port, targetPort: node.p2pPort },
          // GoQuorum Raft peers dial the enode's host on the raftport the enode names.
          ...(raft ? [{ name: 'raft', port: RAFT_PORT, targetPort: RAFT_PORT }] : []),
        ],
        tls: false,
      },
      ...(network.privacy
        ? [
            {
              origin,
              serviceName: node.tessera.serviceName,
              component: 'tessera' as const,
              address: node.tessera.address,
              ports: [{ name: 'p2p', port: node.tessera.address.port, targetPort: node.tessera.address.port }],
              tls: false,
            },
          ]
        : []),
    ];
  });
  return [
    tlsNode(['organizations', org.name, 'ca'], org.ca, 'ca', 'ca'),
    ...org.peers.map((peer, index) => tlsNode(['organizations', org.name, 'peers', index], peer, 'peer', 'peer')),
    ...org.orderers.map((orderer, index) =>
      tlsNode(['organizations', org.name, 'orderers', index], orderer, 'orderer', 'orderer'),
    ),
    ...quorum,
  ];
}

/** The LoadBalancer Services and routes that make this organization's nodes reachable at their addresses. */
export function exposureObjects(scope: OrganizationScope): PlannedObject[] {
  const exposure = scope.org.kubernetes.exposure;
  if (!exposure || exposure.mode === 'cluster') return [];
  const annotations = exposure.mode === 'loadBalancer' ? exposure.annotations : {};
  const loadBalancerClass = exposure.mode === 'loadBalancer' ? (exposure.loadBalancerClass ?? null) : null;
  return exposedNodes(scope).map((node): PlannedObject => {
    if (exposure.mode === 'gateway' && node.tls) {
      const port = node.ports[0]!.targetPort;
      const meta = scope.meta(node.serviceName, node.component);
      if (exposure.route.kind === 'tlsRoute') {
        const { gateway } = exposure.route;
        return {
          template: 'tls-route',
          origin: node.origin,
          view: {
            ...meta,
            parentRefs: [
              {
                group: 'gateway.networking.k8s.io',
                kind: 'Gateway',
                name: gateway.name,
                ...(gateway.namespace ? { namespace: gateway.namespace } : {}),
                ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}),
              },
            ],
            hostnames: [node.address.host],
            serviceName: node.serviceName,
            port,
          },
        };
      }
      return {
        template: 'passthrough-ingress',
        origin: node.origin,
        view: {
          ...meta,
          className: exposure.route.className,
          host: node.address.host,
          serviceName: node.serviceName,
          port,
        },
      };
    }
    return {
      template: 'load-balancer-service',
      origin: node.origin,
      view: {
        ...scope.meta(`${node.serviceName}${EXTERNAL_SERVICE_SUFFIX}`, node.component),
        // external-dns publishes the address host for the load balancer from this annotation; it also says, in the
        // manifest, which name the Service serves. The spec's own annotations come after and may override it.
        annotations: { [EXTERNAL_DNS_HOSTNAME]: node.address.host, ...annotations },
        loadBalancerClass,
        selector: scope.selector(node.serviceName, node.component),
        ports: node.ports.map((port) => ({ ...port, protocol: 'TCP' })),
      },
    };
  });
}
