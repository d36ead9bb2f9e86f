// An organization's `kubernetes.exposure` names what its mode uses and nothing else, and every address it must
// route can be routed. A gateway needs exactly one route form (a Gateway API `gateway` or an `ingressNginx`
// controller): netspec would otherwise emit routes attached to nothing. SNI carries a DNS name, never an IP
// address (RFC 6066), and Gateway API hostnames are lowercase RFC 1123 names: a TLS node behind a gateway whose
// address host is an IP or has capitals would be unreachable, found only when another org's node cannot connect.

import { exposedAddress } from '../../model/node-address.js';
import { addressingOf } from '../../model/normalize.js';
import type { OrganizationSpec } from '../../model/spec.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

const FIELDS_OF_MODE = {
  cluster: [],
  loadBalancer: ['annotations', 'loadBalancerClass'],
  gateway: ['port', 'gateway', 'ingressNginx'],
} as const;
const MODE_FIELDS = ['annotations', 'loadBalancerClass', 'port', 'gateway', 'ingressNginx'] as const;

/** RFC 1123 host name in lowercase, as Gateway API's Hostname type and an Ingress rule's host accept. */
const SNI_HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;

export const exposureValid: Rule = (ctx) => {
  for (const [name, org] of entriesOf(ctx.spec.organizations)) {
    const exposure = org?.kubernetes?.exposure;
    if (!exposure || typeof exposure !== 'object') continue;
    const base: DataPath = ['organizations', name, 'kubernetes', 'exposure'];
    const mode = exposure.mode;
    if (!(mode in FIELDS_OF_MODE)) continue;
    const allowed: readonly string[] = FIELDS_OF_MODE[mode];
    for (const field of MODE_FIELDS)
      if (exposure[field] !== undefined && !allowed.includes(field))
        ctx.report({
          code: 'NS_EXPOSURE_INVALID',
          message: `organization '${name}': '${field}' has no effect in exposure mode '${mode}'`,
          hint: `remove it, or choose the mode it belongs to (${modeOf(field)})`,
          at: [...base, field],
          target: 'key',
        });
    if (mode !== 'gateway') continue;
    if ((exposure.gateway === undefined) === (exposure.ingressNginx === undefined))
      ctx.report({
        code: 'NS_EXPOSURE_INVALID',
        message: `organization '${name}': a gateway exposure names ${exposure.gateway ? 'both a gateway and ingressNginx' : 'neither a gateway nor ingressNginx'}`,
        hint: 'set `gateway: { name: <Gateway> }` for a Gateway API TLSRoute, or `ingressNginx: {}` for an ingress-nginx ssl-passthrough Ingress',
        at: base,
      });
    checkSniHosts(ctx, name, org);
  }
};

function checkSniHosts(ctx: Parameters<Rule>[0], name: string, org: OrganizationSpec): void {
  const addressing = addressingOf(org, name, String(ctx.spec.name));
  const nodes: {
    path: DataPath;
    what: string;
    node: { name?: unknown; host?: string; address?: string; port?: number };
  }[] = [
    ...listOf(org.peers).map((peer, index) => ({
      path: ['organizations', name, 'peers', index] as DataPath,
      what: `peer '${String(peer?.name)}'`,
      node: peer ?? {},
    })),
    ...listOf(org.orderers).map((orderer, index) => ({
      path: ['organizations', name, 'orderers', index] as DataPath,
      what: `orderer '${String(orderer?.name)}'`,
      node: orderer ?? {},
    })),
  ];
  for (const { path, what, node } of nodes) {
    if (typeof node.name !== 'string') continue;
    const host = node.host ?? `${node.name}.${org.domain}`;
    const address = exposedAddress(addressing, {
      ...(typeof node.address === 'string' ? { address: node.address } : {}),
      host,
      port: 1,
      serviceName: node.name,
      tls: true,
    });
    if (SNI_HOST.test(address.host) && !IPV4.test(address.host)) continue;
    ctx.report({
      code: 'NS_EXPOSURE_INVALID',
      message: `organization '${name}', ${what}: its address host '${address.host}' cannot be routed by SNI (${IPV4.test(address.host) ? 'an IP address' : 'not a lowercase DNS name'})`,
      hint: 'give the node a lowercase DNS name in `host` or `address`, or expose the organization with `loadBalancer`',
      at: [...path, node.address !== undefined ? 'address' : node.host !== undefined ? 'host' : 'name'],
    });
  }
}

function modeOf(field: (typeof MODE_FIELDS)[number]): string {
  return field === 'annotations' || field === 'loadBalancerClass' ? 'loadBalancer' : 'gateway';
}
