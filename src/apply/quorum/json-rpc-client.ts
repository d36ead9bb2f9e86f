// A small JSON-RPC 2.0 client over HTTP(S) with node's fetch. Each call has a timeout; a connection failure (the
// node restarting, a port-forward reconnecting) is retried with exponential backoff. A JSON-RPC error reply is
// an answer, not a failure to connect: it is thrown at once as JsonRpcError.
import { retry } from '../retry.js';

export interface JsonRpcClientOptions {
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after a connection error or timeout. Default 3. */
  retries?: number;
  /** First backoff; doubled after each failed attempt. Default 250 ms. */
  backoffMs?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

export interface JsonRpcClient {
  readonly url: string;
  call<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
}

/** The node answered with a JSON-RPC error object (e.g. the method is not enabled: -32601). */
export class JsonRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method} failed: ${message} (JSON-RPC error ${code})`);
  }
}

/** The node could not be reached (after all retries), or answered with something that is not JSON-RPC. */
export class RpcTransportError extends Error {}

/** No answer at all after every retry (refused, reset, timed out): the node or the way to it is down. */
export class RpcUnreachableError extends RpcTransportError {}

export function createJsonRpcClient(url: string, options: JsonRpcClientOptions = {}): JsonRpcClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const doFetch = options.fetch ?? fetch;
  let nextId = 1;

  async function once(method: string, params: readonly unknown[]): Promise<unknown> {
    const id = nextId++;
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let reply: { id?: unknown; result?: unknown; error?: { code?: number; message?: string } };
    try {
      reply = JSON.parse(text);
    } catch {
      throw new RpcTransportError(`${method}: ${url} answered HTTP ${response.status} with a body that is not JSON`);
    }
    if (reply.error) throw new JsonRpcError(method, Number(reply.error.code ?? 0), String(reply.error.message ?? ''));
    if (!response.ok) throw new RpcTransportError(`${method}: ${url} answered HTTP ${response.status}`);
    if (reply.id !== id) throw new RpcTransportError(`${method}: ${url} answered another request (id ${reply.id})`);
    return reply.result;
  }

  return {
    url,
    async call<T>(method: string, params: readonly unknown[] = []): Promise<T> {
      const outcome = await retry({ retries, backoffMs }, () => once(method, params), {
        retryable: isConnectionError,
      });
      if (outcome.ok) return outcome.value as T;
      const { attempts, lastError } = outcome;
      const reason = lastError instanceof Error ? describeCause(lastError) : String(lastError);
      throw new RpcUnreachableError(`${method}: cannot reach ${url} after ${attempts} attempts (${reason})`);
    },
  };
}

/** fetch rejects with TypeError('fetch failed') for refused/reset connections and DNS errors; aborts on timeout. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error instanceof TypeError || error.name === 'TimeoutError' || error.name === 'AbortError';
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
