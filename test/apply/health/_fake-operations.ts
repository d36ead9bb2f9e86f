// Local stand-ins for Fabric nodes' operations endpoints, one HTTP server per node, answering /healthz,
// /version and /metrics the way a peer or orderer does; each can be unhealthy, slow, or have metrics off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeNode {
  /** Ledger heights per channel, exported as ledger_blockchain_height (or the Raft gauge, see raftOnly). */
  heights?: Record<string, number>;
  failedChecks?: { component: string; reason: string }[];
  version?: string;
  /** Answer nothing for this long (the client times out first). */
  delayMs?: number;
  /** /metrics answers 404 (metrics provider disabled). */
  metricsOff?: boolean;
  /** Export only consensus_etcdraft_committed_block_number (height - 1), like an orderer without the ledger gauge. */
  raftOnly?: boolean;
}

export interface FakeOperations {
  url(node: string): string;
  close(): Promise<void>;
}

export async function startFakeOperations(nodes: Record<string, FakeNode>): Promise<FakeOperations> {
  const servers = new Map<string, Server>();
  for (const [name, node] of Object.entries(nodes)) {
    const server = createServer((req, res) => {
      const reply = () => {
        if (req.url === '/healthz') {
          const failed = node.failedChecks ?? [];
          res.writeHead(failed.length ? 503 : 200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify(
              failed.length
                ? { status: 'Service Unavailable', time: '2024-01-01T00:00:00Z', failed_checks: failed }
                : { status: 'OK', time: '2024-01-01T00:00:00Z' },
            ),
          );
        } else if (req.url === '/version') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ CommitSHA: 'abc1234', Version: node.version ?? '2.5.9' }));
        } else if (req.url === '/metrics' && !node.metricsOff) {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
          res.end(metricsText(node));
        } else {
          res.writeHead(404);
          res.end('404 page not found\n');
        }
      };
      if (node.delayMs) setTimeout(reply, node.delayMs);
      else reply();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.set(name, server);
  }
  return {
    url: (node) => `http://127.0.0.1:${(servers.get(node)!.address() as AddressInfo).port}`,
    close: async () => {
      await Promise.all(
        [...servers.values()].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function metricsText(node: FakeNode): string {
  const lines = [
    '# HELP go_goroutines Number of goroutines that currently exist.',
    '# TYPE go_goroutines gauge',
    'go_goroutines 42',
  ];
  const heights = Object.entries(node.heights ?? {});
  if (node.raftOnly) {
    lines.push('# TYPE consensus_etcdraft_committed_block_number gauge');
    for (const [channel, height] of heights)
      lines.push(`consensus_etcdraft_committed_block_number{channel="${channel}"} ${height - 1}`);
  } else {
    lines.push(
      '# HELP ledger_blockchain_height Height of the chain in blocks.',
      '# TYPE ledger_blockchain_height gauge',
    );
    for (const [channel, height] of heights) lines.push(`ledger_blockchain_height{channel="${channel}"} ${height}`);
  }
  return `${lines.join('\n')}\n`;
}

/** All peers and orderers of the supply-chain example, as `org/node`. */
export const SUPPLY_CHAIN_NODES = [
  'operator/orderer0',
  'operator/orderer1',
  'operator/orderer2',
  'manufacturer/peer0',
  'manufacturer/peer1',
  'distributor/peer0',
  'retailer/peer0',
];

/** Edits network.yaml so each node's operations endpoint is its fake server. */
export function withOperationsUrls(fake: FakeOperations): (yaml: string) => string {
  return (yaml) =>
    yaml.replace(
      /^connection:\n/m,
      `connection:\n  endpoints:\n${SUPPLY_CHAIN_NODES.map((ref) => `    ${ref}: { operationsUrl: "${fake.url(ref)}" }\n`).join('')}`,
    );
}
