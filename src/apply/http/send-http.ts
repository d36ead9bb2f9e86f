// An HTTP(S) request with retries, for the Fabric CA client and the health probes: a connection failure or
// timeout is retried with exponential backoff (a pod restarting); an HTTP answer never is. Trusts the given
// CAs (an org's own TLS CA), which node's fetch cannot be told without undici's Agent.
import { retry } from '../retry.js';
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
  // Every failure of the exchange is a failure to get an answer: an HTTP answer, whatever its status, is returned.
  const policy = { retries: request.retries, backoffMs: request.backoffMs };
  const outcome = await retry(policy, () => once(request), { retryable: () => true });
  if (outcome.ok) return outcome.value;
  throw new UnreachableError(unreachableText(request.url, outcome.attempts, failureReason(outcome.lastError)));
}

/** `cannot reach https://ca:7054 (ECONNREFUSED) after 3 attempts`. */
export function unreachableText(url: URL, attempts: number, reason: string): string {
  return `cannot reach ${url.origin} (${reason}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/** The error's code (ECONNREFUSED, a TLS verification code) or, without one, its message. */
export function failureReason(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
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
