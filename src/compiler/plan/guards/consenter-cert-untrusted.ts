// A consenter's new TLS certificate must come from a TLS root (or intermediate) that an orderer organization's
// MSP holds in the config the update makes. The etcdraft chain verifies every consenter's client and server
// certificate against exactly those roots and refuses the update otherwise (orderer/consensus/etcdraft/chain.go,
// ValidateConsensusMetadata with createX509VerifyOptions(newOrdererConfig); util.go, validateConsenterTLSCerts).
// A rotation to a new CA therefore adds the new root first, in its own stage. Certificates already live are left
// to root-in-use.ts, which names what still uses a root being removed.
import { chainsTo } from '../../../crypto/certificate-facts.js';
import { parsedCertificateOfBase64 } from '../../../crypto/parsed-certificates.js';
import type { Certificate } from '../../../crypto/read-certificate.js';
import type { ConfigJson } from '../../fabric/index.js';
import { raftConsenters } from '../stages/_config-parts.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const consenterCertUntrusted: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    const live = new Set(raftConsenters(channel.liveConfig).flatMap((c) => [c.client_tls_cert, c.server_tls_cert]));
    const { roots, intermediates } = ordererTlsRoots(channel.desiredConfig);
    const spec = ctx.model.channels.find((c) => c.name === name);
    for (const consenter of raftConsenters(channel.desiredConfig)) {
      const endpoint = `${consenter.host}:${consenter.port}`;
      for (const cert of new Set([consenter.server_tls_cert, consenter.client_tls_cert])) {
        if (live.has(cert)) continue;
        const certificate = parse(cert);
        if (!certificate || chainsTo(certificate, roots, intermediates)) continue;
        const index = spec?.orderer.consenters.findIndex((c) => `${c.host}:${c.port}` === endpoint) ?? -1;
        ctx.report(name, {
          code: 'NS_GUARD_CONSENTER_CERT_UNTRUSTED',
          message: `channel '${name}' would give consenter ${endpoint} a TLS certificate issued by '${certificate.issuer}', which no orderer organization's TLS root in the channel vouches for; the orderer refuses it`,
          hint: "add the new CA's root to the orderer organization's MSP (tlscacerts) in an update before the certificates it issued",
          at:
            index >= 0
              ? ['channels', name, 'orderer', 'consenters', index]
              : ['channels', name, 'orderer', 'consenters'],
        });
      }
    }
  }
};

function ordererTlsRoots(config: ConfigJson): { roots: Certificate[]; intermediates: Certificate[] } {
  const roots: Certificate[] = [];
  const intermediates: Certificate[] = [];
  for (const org of Object.values(config.channel_group.groups.Orderer?.groups ?? {})) {
    const msp = (org.values.MSP?.value as { config?: Record<string, string[] | undefined> } | undefined)?.config;
    for (const cert of msp?.tls_root_certs ?? []) push(roots, cert);
    for (const cert of msp?.tls_intermediate_certs ?? []) push(intermediates, cert);
  }
  return { roots, intermediates };
}

function push(into: Certificate[], base64: string): void {
  const certificate = parse(base64);
  if (certificate) into.push(certificate);
}

/** configtxlator JSON holds a certificate as base64 of its PEM; read once per process. */
function parse(base64: string): Certificate | undefined {
  return parsedCertificateOfBase64(base64);
}
