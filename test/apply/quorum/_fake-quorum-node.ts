// A stand-in for a Besu or GoQuorum network over real HTTP on 127.0.0.1: every node is a path (`/<node name>`) on
// one server, sharing one validator set. It implements the validator JSON-RPC methods netspec uses, applies a
// vote once more than half of the current validators voted for it (as both clients do), and records every call.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  node: string;
  method: string;
  params: unknown[];
}

export interface FakeQuorumNetwork {
  url(node: string): string;
  calls: RecordedCall[];
  validators(): string[];
  close(): Promise<void>;
}

export async function startFakeQuorumNetwork(
  nodes: Record<string, string>,
  initialValidators: readonly string[],
): Promise<FakeQuorumNetwork> {
  let validators = [...initialValidators];
  /** target address -> voter address -> add? */
  const votes = new Map<string, Map<string, boolean>>();
  const calls: RecordedCall[] = [];

  const propose = (voter: string, target: string, add: boolean) => {
    const tally = votes.get(target) ?? new Map<string, boolean>();
    tally.set(voter, add);
    votes.set(target, tally);
    const agreeing = [...tally].filter(([from, wants]) => wants === add && validators.includes(from)).length;
    if (agreeing * 2 > validators.length) {
      if (add && !validators.includes(target)) validators.push(target);
      if (!add) validators = validators.filter((address) => address !== target);
      votes.delete(target);
    }
  };

  const proposeAnswering = (answer: unknown) => (voter: string, params: unknown[]) => {
    propose(voter, String(params[0]), Boolean(params[1]));
    return answer;
  };
  const discardAnswering = (answer: unknown) => (voter: string, params: unknown[]) => {
    votes.get(String(params[0]))?.delete(voter);
    return answer;
  };

  const handlers: Record<string, (voter: string, params: unknown[]) => unknown> = {
    qbft_getValidatorsByBlockNumber: () => [...validators],
    ibft_getValidatorsByBlockNumber: () => [...validators],
    // GoQuorum prints addresses without 0x in its docs' examples: the client must cope.
    istanbul_getValidators: () => validators.map((address) => address.slice(2)),
    // Besu answers true, GoQuorum null.
    qbft_proposeValidatorVote: proposeAnswering(true),
    ibft_proposeValidatorVote: proposeAnswering(true),
    istanbul_propose: proposeAnswering(null),
    qbft_discardValidatorVote: discardAnswering(true),
    ibft_discardValidatorVote: discardAnswering(true),
    istanbul_discard: discardAnswering(null),
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const node = (request.url ?? '/').slice(1);
      const message = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      calls.push({ node, method: message.method, params: message.params });
      const voter = nodes[node];
      const handler = handlers[message.method];
      const reply =
        voter && handler
          ? { jsonrpc: '2.0', id: message.id, result: handler(voter, message.params) }
          : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not enabled' } };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (node) => `http://127.0.0.1:${port}/${node}`,
    calls,
    validators: () => [...validators],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
