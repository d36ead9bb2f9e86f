// The orderer's channel participation API (Fabric 2.3+, the admin endpoint, mutual TLS): a channel is created
// on an orderer by posting its genesis block, `POST /participation/v1/channels` as multipart/form-data with the
// block in the `config-block` field; `GET /participation/v1/channels/<channel>` says whether it already serves it.
import { randomBytes } from 'node:crypto';
import { checkServerIdentity } from 'node:tls';
import { exchange } from '../http/exchange.js';
import { retry } from '../retry.js';
import { NodeUnreachableError } from './grpc-connection.js';
import type { NodeEndpoint } from './node-endpoints.js';
import type { TlsClientMaterial } from './tls-client-material.js';
import { explainTlsFailure, TlsRefusedError } from './tls-failure.js';

export interface ParticipationOptions {
  tls?: TlsClientMaterial;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
}

/** A refused, reset or unresolved connection: an orderer restarting, a port-forward reconnecting. */
const RETRYABLE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];

interface HttpAnswer {
  status: number;
  body: string;
}

/** True when the orderer already has the channel (200), false when not (404). */
export async function ordererHasChannel(
  endpoint: NodeEndpoint,
  channel: string,
  options: ParticipationOptions = {},
): Promise<boolean> {
  const answer = await send(
    endpoint,
    'GET',
    `/participation/v1/channels/${encodeURIComponent(channel)}`,
    undefined,
    options,
  );
  if (answer.status === 200) return true;
  if (answer.status === 404) return false;
  throw new Error(`${endpoint.ref}: GET channel ${channel} answered HTTP ${answer.status} ${summary(answer.body)}`);
}

/** Joins the orderer to the channel with its genesis (or latest config) block. */
export async function joinOrderer(
  endpoint: NodeEndpoint,
  channel: string,
  block: Uint8Array,
  options: ParticipationOptions = {},
): Promise<void> {
  const boundary = `netspec-${randomBytes(12).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="config-block"; filename="${channel}.block"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(block),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const answer = await send(
    endpoint,
    'POST',
    '/participation/v1/channels',
    { body, contentType: `multipart/form-data; boundary=${boundary}` },
    options,
  );
  if (answer.status !== 201 && answer.status !== 200)
    throw new Error(`${endpoint.ref}: joining ${channel} answered HTTP ${answer.status} ${summary(answer.body)}`);
}

async function send(
  endpoint: NodeEndpoint,
  method: 'GET' | 'POST',
  path: string,
  payload: { body: Buffer; contentType: string } | undefined,
  options: ParticipationOptions,
): Promise<HttpAnswer> {
  if (!endpoint.adminUrl)
    throw new NodeUnreachableError(`${endpoint.ref}: no admin endpoint (adminUrl) for channel participation`);
  const url = new URL(path, endpoint.adminUrl);
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const outcome = await retry(
    { retries, backoffMs },
    async () => {
      try {
        return await once(endpoint, url, method, payload, options.tls, timeoutMs);
      } catch (error) {
        const tlsFailure = explainTlsFailure(error, endpoint, 'admin API', options.tls);
        if (tlsFailure) throw new TlsRefusedError(tlsFailure);
        if ((error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
          throw new NodeUnreachableError(`${endpoint.ref} (${url.host}) did not answer within ${timeoutMs} ms`);
        throw error;
      }
    },
    { retryable: (error) => RETRYABLE_CODES.includes((error as NodeJS.ErrnoException).code ?? '') },
  );
  if (outcome.ok) return outcome.value;
  // Reset in the middle of every TLS handshake: the server does not take our client certificate.
  const refused = explainTlsFailure(outcome.lastError, endpoint, 'admin API', options.tls);
  if (refused) throw new TlsRefusedError(refused);
  const last = (outcome.lastError as NodeJS.ErrnoException).code;
  throw new NodeUnreachableError(
    `cannot reach ${endpoint.ref} admin endpoint (${url.host}) after ${outcome.attempts} attempts (${last})`,
  );
}

function once(
  endpoint: NodeEndpoint,
  url: URL,
  method: string,
  payload: { body: Buffer; contentType: string } | undefined,
  tls: TlsClientMaterial | undefined,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return exchange(url, {
    method,
    ca: endpoint.tlsCaPem,
    ...(tls?.certPem ? { cert: tls.certPem } : {}),
    ...(tls?.keyPem ? { key: tls.keyPem } : {}),
    // The certificate names the orderer's host, whatever address it is reached at.
    ...(/^[\d.]+$|:/.test(endpoint.serverName) ? {} : { servername: endpoint.serverName }),
    checkServerIdentity: (_host, cert) => checkServerIdentity(endpoint.serverName, cert),
    ...(payload ? { headers: { 'content-type': payload.contentType }, body: payload.body } : {}),
    timeoutMs,
  });
}

function summary(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: string };
    if (json.error) return `(${json.error})`;
  } catch {
    // not JSON: show the start of the text
  }
  return body.length > 0 ? `(${body.slice(0, 200)})` : '';
}
