// The DNS names a node's TLS certificate must carry beyond its own host: the host of its address (what other
// organizations dial) and the names pods in the cluster dial its Service by. `netspec crypto` issues development
// certificates with them; `validate` warns when a certificate the spec names lacks the address host.
import { DEFAULT_PORTS } from './fabric-defaults.js';
import { clusterServiceHosts, exposedAddress } from './node-address.js';
import { addressingOf } from './normalize.js';
import type { NetworkSpec } from './spec.js';

/** Per organization, per node host (`<name>.<domain>` unless set): the further names, IP addresses left out. */
export function nodeTlsNames(spec: NetworkSpec): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    Object.entries(spec.organizations).map(([name, org]) => {
      const addressing = addressingOf(org, name, spec.name);
      const names: Record<string, string[]> = {};
      const add = (node: { name: string; host?: string; address?: string; port?: number }, defaultPort: number) => {
        const host = node.host ?? `${node.name}.${org.domain}`;
        // Fabric nodes' Services are named after the node (k8s/fabric-views.ts).
        const address = exposedAddress(addressing, {
          ...(node.address !== undefined ? { address: node.address } : {}),
          host,
          port: node.port ?? defaultPort,
          serviceName: node.name,
          tls: true,
        });
        names[host] = [address.host, ...clusterServiceHosts(node.name, addressing.namespace)].filter(isDnsName);
      };
      for (const peer of org.peers ?? []) add(peer, DEFAULT_PORTS.peer);
      for (const orderer of org.orderers ?? []) add(orderer, DEFAULT_PORTS.orderer);
      return [name, names];
    }),
  );
}

/** An IPv4 address is no DNS name: a certificate would carry it as an IP SAN, which netspec crypto does not issue. */
export function isDnsName(host: string): boolean {
  return !/^[0-9]+(\.[0-9]+){3}$/.test(host);
}
