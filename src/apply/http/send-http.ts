// An HTTP(S) request with retries, for the Fabric CA client and the health probes: a connection failure or
// timeout is retried with exponential backoff (a pod restarting); an HTTP answer never is. Trusts the given
// CAs (an org's own TLS CA), which node's fetch cannot be told without undici's Agent.
import { exchange } from './exchange.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /** PEM certificates to trust for https (the org's TLS CAs); default: node's built-in roots. */
  ca?: string[];
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** The server could not be reached (refused, reset, DNS, TLS handshake, timeout) after every attempt. */
export class UnreachableError extends Error {}

export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  let lastReason = '';
  for (let attempt = 0; attempt <= request.retries; attempt++) {
    if (attempt > 0) await sleep(request.backoffMs * 2 ** (attempt - 1));
    try {
      return await once(request);
    } catch (error) {
      lastReason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    }
  }
  const attempts = request.retries + 1;
  throw new UnreachableError(
    `cannot reach ${request.url.origin} (${lastReason}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
  );
}

function once(request: HttpRequest): Promise<HttpResponse> {
  return exchange(request.url, {
    method: request.method,
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.body === undefined ? {} : { body: Buffer.from(request.body) }),
    ...(request.ca && request.ca.length > 0 ? { ca: request.ca } : {}),
    timeoutMs: request.timeoutMs,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
