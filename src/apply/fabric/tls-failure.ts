// A failed TLS handshake with a Fabric node (src/apply/tls-failure.ts says which kind), turned into what the user
// must change: which endpoint, which certificate, which CA. Two sides can refuse: the node refuses our client
// certificate (alert 42 "bad certificate": an orderer's admin API trusts only its own org's TLS CA,
// fabric-live/admin-api-tls/), or we refuse the node's (not issued by the TLS CA the spec names for it, or issued
// for another host name).
import { parsedCertificate } from '../../crypto/parsed-certificates.js';
import { classifyTlsFailure } from '../tls-failure.js';
import type { NodeEndpoint } from './node-endpoints.js';
import type { TlsClientMaterial } from './tls-client-material.js';

/** A TLS handshake that failed on a certificate: what happened, and which certificate or CA to check. */
export interface TlsRefusal {
  message: string;
  hint: string;
}

/**
 * The orderer's admin API (channel participation) refused the handshake, or we refused its certificate: a
 * configuration mistake no retry mends, reported as NS_APPLY_TLS_REFUSED with the certificate or CA to check.
 */
export class TlsRefusedError extends Error {
  readonly hint: string;
  constructor(refusal: TlsRefusal) {
    super(refusal.message);
    this.hint = refusal.hint;
  }
}

/** What a TLS handshake failure talking to `endpoint` means, or undefined when `error` is something else. */
export function explainTlsFailure(
  error: unknown,
  endpoint: NodeEndpoint,
  service: string,
  client?: TlsClientMaterial,
): TlsRefusal | undefined {
  const where = `${endpoint.ref} ${service} (${endpoint.address === '' ? '?' : endpoint.address})`;
  const kind = classifyTlsFailure(error);
  if (kind === 'client-refused') {
    const ours = client?.certPem ? describe(client.certPem) : undefined;
    return ours
      ? {
          message:
            `${where} did not accept our TLS client certificate (${ours}): it trusts client certificates of its own TLS CA only` +
            `${endpoint.adminUrl && service === 'admin API' ? ` (an orderer's admin API: the TLS CA of ${endpoint.organization})` : ''}`,
          hint: `give --tls-cert/--tls-key issued by that CA, or leave this step to ${endpoint.organization}`,
        }
      : {
          message: `${where} wants a TLS client certificate and we sent none`,
          hint: `give --tls-cert and --tls-key (a TLS pair of ${endpoint.organization}, issued by the TLS CA it trusts)`,
        };
  }
  const served = `the TLS certificate ${endpoint.ref} serves`;
  if (kind === 'expired')
    return {
      message: `${where}: its TLS certificate has expired or is not valid yet`,
      hint: `check the validity dates of ${served}, and the clock of the machine running netspec`,
    };
  if (kind === 'wrong-name')
    return {
      message: `${where}: its TLS certificate does not name ${endpoint.serverName} (the host the spec gives it)`,
      hint: `check the subject alternative names of ${served} against the host the spec gives ${endpoint.ref}`,
    };
  if (kind === 'untrusted')
    return {
      message: `${where}: its TLS certificate is not issued by the TLS CA we trust for ${endpoint.organization} (${trustedCas(endpoint.tlsCaPem)})`,
      hint:
        `the TLS CA trusted for ${endpoint.ref} comes from connection.endpoints.${endpoint.ref}.tlsCaCert, else the ` +
        `tlscacerts of ${endpoint.organization}'s MSP: it must hold the CA that issued ${served}`,
    };
  return undefined;
}

/** `CN=Admin@org1 issued by CN=tlsca.org1`. */
function describe(pem: string): string | undefined {
  try {
    const cert = parsedCertificate(pem);
    return `${commonName(cert.subjectRdns, cert.subject)} issued by ${commonName(cert.issuerRdns, cert.issuer)}`;
  } catch {
    return undefined;
  }
}

function trustedCas(pem: string): string {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const names = blocks.map((block) => describeCa(block)).filter((name): name is string => Boolean(name));
  return names.length > 0 ? `trusted: ${names.join(', ')}` : 'no TLS CA certificate known';
}

function describeCa(pem: string): string | undefined {
  try {
    const cert = parsedCertificate(pem);
    return commonName(cert.subjectRdns, cert.subject);
  } catch {
    return undefined;
  }
}

function commonName(rdns: readonly string[], distinguishedName: string): string {
  return rdns.find((rdn) => rdn.startsWith('CN=')) ?? distinguishedName;
}
