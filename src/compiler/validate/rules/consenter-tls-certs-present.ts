// Every consenter without its own `tlsCert` has a readable TLS certificate where `netspec crypto` writes it
// (crypto/<org>/orderers/<host>/tls/server.crt). The channel config carries each consenter's TLS certificate,
// so plan and genesis read that file: an orderer whose material lives elsewhere (its organization's own CA,
// another team's layout) must name it, or the channel cannot be built. A `tlsCert` the spec names is checked by
// certificatesValid; this rule covers only the default it stands in for.
import { resolve } from 'node:path';
import { loadCertificate } from '../../../crypto/load-certificate.js';
import { defaultOrdererTlsCert } from '../../model/fabric-defaults.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf, splitNodeRef } from './_spec-walk.js';

export const consenterTlsCertsPresent: Rule = (ctx) => {
  const consenters = new Set<string>();
  for (const [, channel] of entriesOf(ctx.spec.channels)) {
    for (const ref of listOf(channel?.orderer?.consenters)) {
      const parts = splitNodeRef(ref);
      if (parts) consenters.add(`${parts.org}/${parts.node}`);
    }
  }
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    listOf(spec?.orderers).forEach((orderer, index) => {
      if (typeof orderer?.name !== 'string' || !consenters.has(`${org}/${orderer.name}`)) return;
      if (orderer.tlsCert !== undefined) return;
      const host = orderer.host ?? `${orderer.name}.${spec.domain}`;
      const file = defaultOrdererTlsCert(org, host);
      const loaded = loadCertificate(resolve(ctx.baseDir, file));
      if (loaded.ok) return;
      ctx.report({
        code: loaded.reason === 'missing' ? 'NS_CERT_MISSING' : 'NS_CERT_INVALID',
        message:
          loaded.reason === 'missing'
            ? `consenter '${org}/${orderer.name}' sets no tlsCert, and its default TLS certificate '${file}' does not exist`
            : `consenter '${org}/${orderer.name}' sets no tlsCert, and its default TLS certificate '${file}' is not a PEM X.509 certificate`,
        hint: "set the orderer's tlsCert to the PEM file of its TLS server certificate, or run `netspec crypto <network.yaml>` for development material",
        at: ['organizations', org, 'orderers', index],
      });
    });
  }
};
