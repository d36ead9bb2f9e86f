// When the CA's TLS certificate is not trusted, say which certificate it presented and which roots were tried,
// so the operator can set ca.tlsCACert to the right file. The presented certificate is read by a second
// handshake that verifies nothing and sends nothing: its subject and issuer are public, shown to any client.
import { connect } from 'node:tls';

/** The TLS handshake failed on the server's certificate: a configuration mistake, never worth a retry. */
export class CaTlsError extends Error {}

/** Node's (OpenSSL's) codes for a server certificate the client refused. */
const TRUST_FAILURES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isTlsTrustFailure(code: string): boolean {
  return TRUST_FAILURES.has(code);
}

export async function describeUntrustedServer(
  url: URL,
  code: string,
  trust: { tlsTrustSource?: string },
  timeoutMs: number,
): Promise<string> {
  const presented = await presentedCertificate(url, timeoutMs);
  const roots = trust.tlsTrustSource ?? 'the configured TLS roots';
  const what = presented
    ? `a TLS certificate for '${presented.subject}' issued by '${presented.issuer}' (valid until ${presented.validTo})`
    : 'a TLS certificate';
  const fix =
    code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? `its names do not include '${url.hostname}': set ca.host to a name the certificate carries`
      : 'set ca.tlsCACert to the root certificate that issued it';
  return `the CA at ${url.origin} presented ${what}, which ${roots} do not trust (${code}): ${fix}`;
}

async function presentedCertificate(
  url: URL,
  timeoutMs: number,
): Promise<{ subject: string; issuer: string; validTo: string } | undefined> {
  return new Promise((resolve) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: url.hostname,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const done = (value: { subject: string; issuer: string; validTo: string } | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerX509Certificate();
      done(
        certificate
          ? { subject: oneLine(certificate.subject), issuer: oneLine(certificate.issuer), validTo: certificate.validTo }
          : undefined,
      );
    });
    socket.once('error', () => done(undefined));
    socket.once('timeout', () => done(undefined));
  });
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
