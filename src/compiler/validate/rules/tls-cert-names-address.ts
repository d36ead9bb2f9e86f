// A node's TLS certificate names the host of its address: the one other organizations dial (consenters, orderer
// endpoints, anchor peers, gossip, connection profiles; model/node-address.ts). Fabric's gRPC clients check the
// dialled host against the server certificate's DNS (or IP) subject alternative names (Go's crypto/x509 ignores the
// common name), so a certificate without it fails every handshake from another org with "x509: certificate is
// valid for …, not …" once the network runs. A warning: the certificate may be reissued before the nodes start.
// The certificates read are those the spec names: an orderer's tlsCert (or where `netspec crypto` writes it), and a
// peer's `peers/<host>/tls/server.crt` beside an MSP folder laid out as cryptogen and `netspec crypto` lay it out.
import { dirname, resolve } from 'node:path';
import { loadCertificate } from '../../../crypto/load-certificate.js';
import type { Certificate } from '../../../crypto/read-certificate.js';
import { DEFAULT_PORTS, defaultOrdererTlsCert } from '../../model/fabric-defaults.js';
import { exposedAddress } from '../../model/node-address.js';
import { addressingOf } from '../../model/normalize.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const tlsCertNamesAddress: Rule = (ctx) => {
  for (const [name, org] of entriesOf(ctx.spec.organizations)) {
    if (!org || typeof org.domain !== 'string') continue;
    const addressing = addressingOf(org, name, String(ctx.spec.name));
    const mspDirectory = org.msp?.directory;
    const check = (
      kind: 'peer' | 'orderer',
      node: { name?: unknown; host?: string; address?: string; port?: number; tlsCert?: string },
      index: number,
    ) => {
      if (typeof node?.name !== 'string') return;
      const host = node.host ?? `${node.name}.${org.domain}`;
      const file =
        kind === 'orderer'
          ? (node.tlsCert ?? defaultOrdererTlsCert(name, host))
          : mspDirectory !== undefined
            ? `${dirname(mspDirectory)}/peers/${host}/tls/server.crt`
            : undefined;
      if (file === undefined) return;
      // A missing or broken file is the business of the rules that require it (NS_CERT_MISSING, NS_CERT_INVALID).
      const loaded = loadCertificate(resolve(ctx.baseDir, file));
      if (!loaded.ok) return;
      const address = exposedAddress(addressing, {
        ...(node.address !== undefined ? { address: node.address } : {}),
        host,
        port: node.port ?? (kind === 'peer' ? DEFAULT_PORTS.peer : DEFAULT_PORTS.orderer),
        serviceName: node.name,
        tls: true,
      });
      if (certificateNames(loaded.certificate, address.host)) return;
      const path: DataPath = ['organizations', name, kind === 'peer' ? 'peers' : 'orderers', index];
      const names = [...loaded.certificate.dnsNames, ...loaded.certificate.ipAddresses];
      ctx.report({
        code: 'NS_TLS_NAME_MISSING',
        severity: 'warning',
        message: `${kind} '${name}/${node.name}' is dialled at '${address.host}', which its TLS certificate '${file}' does not name (it names ${names.length > 0 ? names.join(', ') : 'no host'})`,
        hint: 'reissue the TLS certificate with that name among its subject alternative names (`netspec crypto --force` for development material), or set the node address to a name it carries',
        at: [
          node.address !== undefined ? [...path, 'address'] : node.tlsCert !== undefined ? [...path, 'tlsCert'] : path,
          ...(org.kubernetes?.exposure !== undefined ? [['organizations', name, 'kubernetes', 'exposure']] : []),
        ],
      });
    };
    for (const [index, peer] of listOf(org.peers).entries()) check('peer', peer, index);
    for (const [index, orderer] of listOf(org.orderers).entries()) check('orderer', orderer, index);
  }
};

/** As Go's x509.Certificate.VerifyHostname: an IP host against IP SANs, else DNS SANs with a leftmost `*` label. */
export function certificateNames(certificate: Certificate, host: string): boolean {
  if (/^[0-9]+(\.[0-9]+){3}$/.test(host)) return certificate.ipAddresses.includes(host);
  const wanted = host.toLowerCase().replace(/\.$/, '');
  return certificate.dnsNames.some((pattern) => {
    const name = pattern.toLowerCase().replace(/\.$/, '');
    if (name === wanted) return true;
    if (!name.startsWith('*.')) return false;
    const dot = wanted.indexOf('.');
    return dot > 0 && wanted.slice(dot) === name.slice(1);
  });
}
