// The JSON-RPC client: request shape, error replies thrown at once, connection failures retried with backoff.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createJsonRpcClient, JsonRpcError, RpcUnreachableError } from '../../../src/apply/quorum/index.js';

async function serve(handle: (body: { id: number; method: string; params: unknown[] }) => unknown) {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text);
      bodies.push(body);
      response.end(JSON.stringify(handle(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('createJsonRpcClient', () => {
  it('posts a JSON-RPC 2.0 request and returns the result', async () => {
    const server = await serve((body) => ({ jsonrpc: '2.0', id: body.id, result: ['0xab'] }));
    try {
      const client = createJsonRpcClient(server.url);
      expect(await client.call('qbft_getValidatorsByBlockNumber', ['latest'])).toEqual(['0xab']);
      expect(server.bodies).toEqual([
        { jsonrpc: '2.0', id: 1, method: 'qbft_getValidatorsByBlockNumber', params: ['latest'] },
      ]);
    } finally {
      await server.close();
    }
  });

  it('throws a JSON-RPC error reply at once, without retrying', async () => {
    const server = await serve((body) => ({
      jsonrpc: '2.0',
      id: body.id,
      error: { code: -32601, message: 'Method not enabled' },
    }));
    try {
      const client = createJsonRpcClient(server.url, { retries: 3, backoffMs: 1 });
      const failure = client.call('qbft_proposeValidatorVote', ['0xab', true]);
      await expect(failure).rejects.toBeInstanceOf(JsonRpcError);
      await expect(failure).rejects.toThrow(
        'qbft_proposeValidatorVote failed: Method not enabled (JSON-RPC error -32601)',
      );
      expect(server.bodies).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries a refused connection with backoff, then reports the endpoint and the attempts', async () => {
    const server = await serve(() => ({}));
    const url = server.url;
    await server.close();
    const client = createJsonRpcClient(url, { retries: 2, backoffMs: 20 });
    const started = Date.now();
    const failure = client.call('istanbul_getValidators', ['latest']);
    // Unreachable, not an answer: apply reports it as NS_APPLY_UNREACHABLE.
    await expect(failure).rejects.toBeInstanceOf(RpcUnreachableError);
    await expect(failure).rejects.toThrow(
      `istanbul_getValidators: cannot reach ${url} after 3 attempts (ECONNREFUSED)`,
    );
    // Two waits: 20 ms then 40 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('succeeds when the node comes back during the retries', async () => {
    let attempts = 0;
    const fetchOnceDown: typeof fetch = async (input, init) => {
      attempts++;
      if (attempts === 1) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const server = await serve((body) => ({ jsonrpc: '2.0', id: body.id, result: 7 }));
    try {
      const client = createJsonRpcClient(server.url, { retries: 2, backoffMs: 1, fetch: fetchOnceDown });
      expect(await client.call('eth_blockNumber')).toBe(7);
      expect(attempts).toBe(2);
    } finally {
      await server.close();
    }
  });
});
