// `netspec status` through the binary against one local HTTP server per node (operationsUrl overrides in a
// temporary copy of the supply-chain spec): exit 0 when healthy, exit 1 with a line per problem otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { copySupplyChain } from '../apply/fabric-ca/_supply-chain-copy.js';
import {
  type FakeNode,
  type FakeOperations,
  SUPPLY_CHAIN_NODES,
  startFakeOperations,
  withOperationsUrls,
} from '../apply/health/_fake-operations.js';
import { runCliAsync as runCli } from '../helpers/run-cli.js';

let fake: FakeOperations | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const nodes = (edit: Record<string, FakeNode> = {}): Record<string, FakeNode> => ({
  ...Object.fromEntries(
    SUPPLY_CHAIN_NODES.map((ref) => [
      ref,
      { heights: ref.startsWith('retailer') ? { distribution: 30 } : { production: 50, distribution: 30 } } as FakeNode,
    ]),
  ),
  ...edit,
});

const runCliAsync = (args: string[]) => runCli(args);

describe('netspec status', () => {
  it('exits 0 with the table when every node is healthy and in step', async () => {
    fake = await startFakeOperations(nodes());
    const spec = copySupplyChain(withOperationsUrls(fake));
    const result = await runCliAsync(['status', spec]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('channel production: orderer height 50\n');
    expect(result.stdout.endsWith('supply-chain: all 7 nodes healthy, no peer more than 10 blocks behind\n')).toBe(
      true,
    );
  });

  it('exits 1 naming the node that times out and the lagging peer; JSON carries the same failures', async () => {
    fake = await startFakeOperations(
      nodes({
        'distributor/peer0': { delayMs: 2000 },
        'manufacturer/peer1': { heights: { production: 45, distribution: 30 } },
      }),
    );
    const spec = copySupplyChain(withOperationsUrls(fake));
    const result = await runCliAsync(['status', spec, '--max-lag', '3', '--timeout', '300', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failures).toEqual([
      `distributor/peer0: unreachable: cannot reach ${fake.url('distributor/peer0')} (ETIMEDOUT) after 1 attempt`,
      "manufacturer/peer1: 5 blocks behind the orderers on channel 'production' (height 45 of 50; --max-lag 3)",
    ]);
    expect(report.nodes).toHaveLength(7);
  });

  it('refuses a bad --max-lag in one line', async () => {
    const result = await runCliAsync(['status', 'networks/supply-chain/network.yaml', '--max-lag', 'many']);
    expect(result.stderr).toBe("netspec: --max-lag must be a whole number of blocks, not 'many'\n");
    expect(result.code).toBe(1);
  });
});
