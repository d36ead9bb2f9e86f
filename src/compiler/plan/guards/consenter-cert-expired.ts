// An update must not put an expired TLS certificate into a consenter's place. The other consenters refuse a
// handshake with an expired certificate, so the node is out of its cluster from the moment the update is
// committed; a rotation meant to save a node whose certificate is about to expire would finish it instead. Only
// certificates the update brings in are judged: one already live and expired is a warning for people, not a
// reason to refuse an update that does not touch it.
import { parsedCertificateOfBase64 } from '../../../crypto/parsed-certificates.js';
import type { Certificate } from '../../../crypto/read-certificate.js';
import type { ConfigJson } from '../../fabric/index.js';
import { bftConsenters, raftConsenters } from '../stages/_config-parts.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const consenterCertExpired: Guard = (ctx) => {
  const now = ctx.now ?? new Date();
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    const live = new Set(tlsCertificates(channel.liveConfig).map((c) => c.cert));
    const spec = ctx.model.channels.find((c) => c.name === name);
    for (const { endpoint, cert } of tlsCertificates(channel.desiredConfig)) {
      if (live.has(cert)) continue;
      const certificate = parse(cert);
      if (!certificate || certificate.notAfter > now.getTime()) continue;
      const index = spec?.orderer.consenters.findIndex((c) => `${c.host}:${c.port}` === endpoint) ?? -1;
      ctx.report(name, {
        code: 'NS_GUARD_CONSENTER_CERT_EXPIRED',
        message: `channel '${name}' would give consenter ${endpoint} a TLS certificate that expired on ${new Date(certificate.notAfter).toISOString()}; the other consenters refuse it, so the node would leave its cluster with this update`,
        hint: 'issue a certificate that is valid now (netspec crypto --renew <org>/<node> for development material)',
        at:
          index >= 0 ? ['channels', name, 'orderer', 'consenters', index] : ['channels', name, 'orderer', 'consenters'],
      });
    }
  }
};

/** Every consenter TLS certificate of a config (base64 of PEM), Raft or BFT, with the consenter's endpoint. */
function tlsCertificates(config: ConfigJson): { endpoint: string; cert: string }[] {
  const consenters = [...raftConsenters(config), ...bftConsenters(config)];
  return consenters.flatMap((c) =>
    [...new Set([c.server_tls_cert, c.client_tls_cert])].map((cert) => ({ endpoint: `${c.host}:${c.port}`, cert })),
  );
}

/** configtxlator JSON holds a certificate as base64 of its PEM; read once per process. */
function parse(base64: string): Certificate | undefined {
  return parsedCertificateOfBase64(base64);
}
