// Where to reach a Fabric node from where netspec runs: the node's address (the host:port every other organization
// uses, model/node-address.ts) unless the spec's
// `connection.endpoints['<org>/<node>']` overrides them (a node reached through an ingress or a port-forward).
// TLS always checks the server certificate against the org's TLS CA (the override's tlsCaCert, else the MSP's
// tlscacerts) and the node's real host name, like Fabric's ssl-target-name-override: the address may change,
// the identity the certificate proves may not.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkModel, OrganizationModel } from '../../compiler/model/network-model.js';

export interface NodeEndpoint {
  /** `org/node`, as the spec names it. */
  ref: string;
  organization: string;
  /** `host:port` to dial (gRPC). */
  address: string;
  /** The name the server certificate must carry. */
  serverName: string;
  /** PEM of the TLS CA(s) to trust. Empty when none is known: the caller refuses to connect in the clear. */
  tlsCaPem: string;
  /** `https://host:port` of the orderer's admin (channel participation) endpoint. */
  adminUrl?: string;
}

export function ordererEndpoints(model: NetworkModel, organizations?: readonly string[]): NodeEndpoint[] {
  return model.organizations
    .filter((org) => !organizations || organizations.includes(org.name))
    .flatMap((org) =>
      org.orderers.map((orderer) =>
        endpointOf(
          model,
          org,
          orderer.name,
          orderer.address.host,
          orderer.address.port,
          // The admin port is not exposed to other organizations: reached at the node's own name, or an override.
          `https://${orderer.host}:${orderer.adminPort}`,
        ),
      ),
    );
}

export function peerEndpoints(model: NetworkModel, organization?: string): NodeEndpoint[] {
  return model.organizations
    .filter((org) => organization === undefined || org.name === organization)
    .flatMap((org) => org.peers.map((peer) => endpointOf(model, org, peer.name, peer.address.host, peer.address.port)));
}

function endpointOf(
  model: NetworkModel,
  org: OrganizationModel,
  name: string,
  host: string,
  port: number,
  defaultAdminUrl?: string,
): NodeEndpoint {
  const ref = `${org.name}/${name}`;
  const override = model.connection.endpoints[ref as keyof typeof model.connection.endpoints];
  const tlsCaPem = override?.tlsCaCert ? readText(override.tlsCaCert) : orgTlsCaPem(org);
  const adminUrl = override?.adminUrl ?? defaultAdminUrl;
  return {
    ref,
    organization: org.name,
    address: override?.url ? addressOf(override.url) : `${host}:${port}`,
    serverName: host,
    tlsCaPem,
    ...(adminUrl ? { adminUrl } : {}),
  };
}

/** `grpcs://h:p`, `grpc://h:p`, `https://h:p` or plain `h:p` -> `h:p`. */
export function addressOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
}

function orgTlsCaPem(org: OrganizationModel): string {
  const files = [...org.msp.tlsCaCerts, ...org.msp.tlsIntermediateCerts];
  if (org.msp.directory) {
    for (const sub of ['tlscacerts', 'tlsintermediatecerts']) {
      const dir = join(org.msp.directory, sub);
      if (existsSync(dir))
        files.push(
          ...readdirSync(dir)
            .sort()
            .map((file) => join(dir, file)),
        );
    }
  }
  return files.map(readText).join('\n');
}

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
