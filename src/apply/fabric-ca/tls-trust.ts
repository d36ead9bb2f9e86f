// When the CA's TLS certificate is not trusted, say which certificate it presented and which roots were tried,
// so the operator can set ca.tlsCACert to the right file. The presented certificate is read by a second
// handshake that verifies nothing and sends nothing: its subject and issuer are public, shown to any client.
import { connect } from 'node:tls';
import type { TlsFailureKind } from '../tls-failure.js';

/** The TLS handshake failed on the server's certificate: a configuration mistake, never worth a retry. */
export class CaTlsError extends Error {}

/** `refused` is what src/apply/tls-failure.ts made of the failure, `code` the code Node gave it (for the message). */
export async function describeUntrustedServer(
  url: URL,
  refused: { kind: TlsFailureKind; code: string },
  trust: { tlsTrustSource?: string },
  timeoutMs: number,
): Promise<string> {
  const presented = await presentedCertificate(url, timeoutMs);
  const roots = trust.tlsTrustSource ?? 'the configured TLS roots';
  const what = presented
    ? `a TLS certificate for '${presented.subject}' issued by '${presented.issuer}' (valid until ${presented.validTo})`
    : 'a TLS certificate';
  const fix =
    refused.kind === 'wrong-name'
      ? `its names do not include '${url.hostname}': set ca.host to a name the certificate carries`
      : 'set ca.tlsCACert to the root certificate that issued it';
  return `the CA at ${url.origin} presented ${what}, which ${roots} do not trust (${refused.code}): ${fix}`;
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
