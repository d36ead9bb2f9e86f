// networkStatus against one local HTTP server per node of the supply-chain example (operationsUrl overrides):
// healthy network, an unhealthy node with its failed checks, a node that times out, a lagging peer, a peer
// that does not hold a channel, metrics off (unknown, not failing), and every node still reported.
import { afterEach, describe, expect, it } from 'vitest';
import { networkStatus, operationsTargets, renderStatus } from '../../../src/apply/health/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { copySupplyChain, EXAMPLE } from '../fabric-ca/_supply-chain-copy.js';
import {
  type FakeNode,
  type FakeOperations,
  SUPPLY_CHAIN_NODES,
  startFakeOperations,
  withOperationsUrls,
} from './_fake-operations.js';

let fake: FakeOperations | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const ORDERER = { heights: { production: 120, distribution: 30 } };
function healthyNodes(): Record<string, FakeNode> {
  return {
    'operator/orderer0': { ...ORDERER },
    'operator/orderer1': { ...ORDERER },
    'operator/orderer2': { heights: { production: 119, distribution: 30 }, raftOnly: true },
    'manufacturer/peer0': { heights: { production: 120, distribution: 30 } },
    'manufacturer/peer1': { heights: { production: 118, distribution: 30 } },
    'distributor/peer0': { heights: { production: 120, distribution: 29 } },
    'retailer/peer0': { heights: { distribution: 30 } },
  };
}

async function statusOf(nodes: Record<string, FakeNode>, maxLag = 5, timeoutMs = 2000) {
  fake = await startFakeOperations(nodes);
  const model = loadSpec(copySupplyChain(withOperationsUrls(fake))).value!.model;
  return networkStatus(model, { maxLag, timeoutMs });
}

describe('operationsTargets', () => {
  it('uses http://<host>:<operationsPort> unless the spec overrides operationsUrl', () => {
    const model = loadSpec(`${EXAMPLE}/network.yaml`).value!.model;
    const targets = operationsTargets(model, () => []);
    expect(targets.map((t) => t.node)).toEqual(SUPPLY_CHAIN_NODES);
    expect(targets[0]).toEqual({
      node: 'operator/orderer0',
      organization: 'operator',
      kind: 'orderer',
      url: 'http://orderer0.operator.supply.example.com:8443',
      tlsCaCerts: [],
    });
    expect(targets[3]!.url).toBe('http://peer0.manufacturer.supply.example.com:9443');
  });
});

describe('networkStatus', () => {
  it('reports a healthy network: versions, orderer height per channel, each peer’s lag', async () => {
    const report = await statusOf(healthyNodes());
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.nodes.map((n) => [n.node, n.health, n.version])).toEqual(
      SUPPLY_CHAIN_NODES.map((node) => [node, 'OK', '2.5.9']),
    );
    const production = report.channels.find((c) => c.channel === 'production')!;
    expect(production.ordererHeight).toBe(120);
    expect(production.nodes.map((n) => [n.node, n.height, n.lag, n.state])).toEqual([
      ['operator/orderer0', 120, undefined, 'ok'],
      ['operator/orderer1', 120, undefined, 'ok'],
      ['operator/orderer2', 119, undefined, 'ok'],
      ['manufacturer/peer0', 120, 0, 'ok'],
      ['manufacturer/peer1', 118, 2, 'ok'],
      ['distributor/peer0', 120, 0, 'ok'],
    ]);
    // The retailer is not a member of production: it is not expected to hold it.
    expect(report.channels.find((c) => c.channel === 'distribution')!.nodes.map((n) => n.node)).toContain(
      'retailer/peer0',
    );
  });

  it('fails on an unhealthy node, a node that times out, a lagging peer and a missing channel — and reports all nodes', async () => {
    const nodes = healthyNodes();
    nodes['distributor/peer0'] = {
      heights: { production: 120, distribution: 30 },
      failedChecks: [{ component: 'couchdb', reason: 'failed to connect to couch db' }],
    };
    nodes['manufacturer/peer0'] = { delayMs: 3000 };
    nodes['manufacturer/peer1'] = { heights: { production: 100, distribution: 30 } };
    nodes['retailer/peer0'] = { heights: {} };
    const report = await statusOf(nodes, 5, 300);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      'manufacturer/peer0: unreachable: cannot reach ' +
        fake!.url('manufacturer/peer0') +
        ' (ETIMEDOUT) after 1 attempt',
      'distributor/peer0: unhealthy: /healthz answered HTTP 503 (couchdb: failed to connect to couch db)',
      "manufacturer/peer1: 20 blocks behind the orderers on channel 'production' (height 100 of 120; --max-lag 5)",
      "retailer/peer0: reports no height for channel 'distribution' (not joined?)",
    ]);
    expect(report.findings.map((found) => found.code)).toEqual([
      'NS_APPLY_UNREACHABLE',
      'NS_HEALTH_UNHEALTHY',
      'NS_HEALTH_PEER_LAGGING',
      'NS_HEALTH_CHANNEL_MISSING',
    ]);
    expect(report.findings.map((found) => found.message)).toEqual(report.failures);
    expect(report.nodes).toHaveLength(7);
    const production = report.channels.find((c) => c.channel === 'production')!;
    expect(production.nodes.find((n) => n.node === 'manufacturer/peer0')!.state).toBe('unknown');
  });

  it('treats heights as unknown, not failing, when a node’s metrics are off', async () => {
    const nodes = healthyNodes();
    nodes['retailer/peer0'] = { metricsOff: true };
    const report = await statusOf(nodes);
    expect(report.ok).toBe(true);
    const retailer = report.nodes.find((n) => n.node === 'retailer/peer0')!;
    expect(retailer.heights).toBeUndefined();
    expect(retailer.problems).toEqual([
      'ledger heights unknown: /metrics answered HTTP 404 (is the Prometheus metrics provider on?)',
    ]);
    expect(report.channels[1]!.nodes.find((n) => n.node === 'retailer/peer0')!.state).toBe('unknown');
  });

  it('renders the table as text and markdown with the verdict and the failures', async () => {
    const nodes = healthyNodes();
    nodes['manufacturer/peer1'] = { heights: { production: 100, distribution: 30 } };
    const report = await statusOf(nodes);
    const text = renderStatus(report, 'text');
    expect(text).toContain(
      'NODE                KIND     HEALTH  VERSION  OPERATIONS\noperator/orderer0   orderer  OK      2.5.9    http://127.0.0.1:',
    );
    expect(text).toContain('channel production: orderer height 120\nNODE                KIND     HEIGHT  LAG  STATE\n');
    expect(text).toContain('manufacturer/peer1  peer     100     20   lagging');
    expect(
      text.endsWith(
        "supply-chain: 1 problem\n  NS_HEALTH_PEER_LAGGING manufacturer/peer1: 20 blocks behind the orderers on channel 'production' (height 100 of 120; --max-lag 5)\n",
      ),
    ).toBe(true);
    const markdown = renderStatus(report, 'markdown');
    expect(markdown).toContain('| manufacturer/peer1 | peer | 100 | 20 | lagging |');
    expect(markdown).toContain('### channel distribution: orderer height 30');
    expect(markdown).toContain(
      "- `NS_HEALTH_PEER_LAGGING` manufacturer/peer1: 20 blocks behind the orderers on channel 'production'",
    );
    expect(JSON.parse(renderStatus(report, 'json')).failures).toEqual(report.failures);
  });
});
