// The address of a node: the one host:port every other organization (and its channel configs, gossip, connection
// profiles, enodes) uses to reach it. It follows from how the node's organization exposes its Kubernetes workloads:
//   (none chosen) `<host>:<port>`, host `<node>.<domain>`: names the org routes itself (today's channel configs);
//   cluster       `<service>.<namespace>.svc.cluster.local:<port>`: every org in one cluster;
//   loadBalancer  `<host>:<port>`: a Service of type LoadBalancer per node, `<host>` the DNS name the org points at it;
//   gateway       `<host>:443`: TLS passthrough by SNI on a shared Gateway (TLSRoute) or ingress-nginx Ingress.
// A node's explicit `address` wins over all of these. Normalize (the model) and the validate rules call the same
// function, so the address a rule judges is the one the channel config gets.

/** How an organization exposes its nodes to the others (the spec's `kubernetes.exposure`). */
export type ExposureModel =
  | { mode: 'cluster' }
  | {
      mode: 'loadBalancer';
      /** Annotations on every LoadBalancer Service (cloud load-balancer settings, external-dns host names). */
      annotations: Record<string, string>;
      loadBalancerClass?: string;
    }
  | {
      mode: 'gateway';
      /** The port the Gateway (or ingress controller) listens on for TLS passthrough. */
      port: number;
      route: GatewayRouteModel;
    };

/** What carries SNI passthrough to the node's Service. */
export type GatewayRouteModel =
  | {
      kind: 'tlsRoute';
      /** The Gateway a TLSRoute attaches to (its listener must be `protocol: TLS`, `tls.mode: Passthrough`). */
      gateway: { name: string; namespace?: string; sectionName?: string };
    }
  | {
      kind: 'ingressNginx';
      /** The IngressClass of an ingress-nginx controller started with `--enable-ssl-passthrough`. */
      className: string;
    };

export interface NodeAddress {
  host: string;
  port: number;
}

/** The facts of an organization the address depends on. */
export interface AddressingOrganization {
  domain: string;
  namespace: string;
  exposure?: ExposureModel;
}

/** The facts of a node the address depends on. */
export interface AddressingNode {
  /** The spec's explicit `address` (`host:port`), if any. */
  address?: string;
  /** The node's own DNS name (the spec's `host`, else `<node>.<domain>`): its TLS name. */
  host: string;
  /** The port the container listens on, which its Service also serves. */
  port: number;
  /** The Kubernetes Service that selects the node, in the org's namespace. */
  serviceName: string;
  /**
   * The protocol is TLS, so SNI passthrough can route it. devp2p (Quorum) and Tessera's HTTP are not: in gateway
   * mode such nodes are exposed as loadBalancer nodes are.
   */
  tls: boolean;
}

/** Port a Gateway or ingress-nginx serves TLS passthrough on, unless the spec says otherwise. */
export const DEFAULT_GATEWAY_PORT = 443;

/** The address other organizations use to reach a node. */
export function exposedAddress(org: AddressingOrganization, node: AddressingNode): NodeAddress {
  if (node.address !== undefined) return parseAddress(node.address);
  const exposure = org.exposure;
  if (exposure?.mode === 'cluster')
    return { host: clusterServiceHost(node.serviceName, org.namespace), port: node.port };
  if (exposure?.mode === 'gateway' && node.tls) return { host: node.host, port: exposure.port };
  return { host: node.host, port: node.port };
}

/** `host:port`, the form channel configs' endpoint lists, gossip endpoints and connection profiles take. */
export function formatAddress(address: NodeAddress): string {
  return `${address.host}:${address.port}`;
}

/** The address of a model node (peer, orderer, CA, Quorum node) as `host:port`. */
export function nodeAddress(node: { address: NodeAddress }): string {
  return formatAddress(node.address);
}

/** `host:port` -> parts; the schema already checked the form. An IPv6 host is not accepted by the schema. */
export function parseAddress(text: string): NodeAddress {
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}

/** The fully qualified in-cluster DNS name of a Service. */
export function clusterServiceHost(serviceName: string, namespace: string): string {
  return `${serviceName}.${namespace}.svc.cluster.local`;
}

/**
 * Every name a client inside the cluster may dial a Service by (`<svc>`, `<svc>.<ns>`, `<svc>.<ns>.svc`, the fully
 * qualified one): a node's TLS certificate lists them so a pod reaching it by Service name passes hostname checks.
 */
export function clusterServiceHosts(serviceName: string, namespace: string): string[] {
  return [
    serviceName,
    `${serviceName}.${namespace}`,
    `${serviceName}.${namespace}.svc`,
    clusterServiceHost(serviceName, namespace),
  ];
}
