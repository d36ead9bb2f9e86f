// One HTTP(S) request and its whole answer as text, with node:http(s): the org's services present certificates
// from the org's own TLS CA (and the orderer's admin endpoint wants a client certificate), which node's fetch
// cannot be told without undici's Agent. Retrying is the caller's business: what is worth a retry differs.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate } from 'node:tls';

export interface Exchange {
  method: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** PEM certificates to trust (https); default: node's built-in roots. */
  ca?: string | string[];
  /** Client certificate and key for mutual TLS. */
  cert?: string;
  key?: string;
  servername?: string;
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
  timeoutMs: number;
}

export interface ExchangeAnswer {
  status: number;
  body: string;
}

/** Rejects with the socket's error, or an error with code ETIMEDOUT when the server stays silent too long. */
export function exchange(url: URL, options: Exchange): Promise<ExchangeAnswer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const { body, timeoutMs, headers, ...tls } = options;
    const outgoing = send(
      url,
      {
        ...Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined)),
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
