// `netspec status` through the CLI's main(), in process, against one local HTTP server per node (operationsUrl
// overrides in a temporary copy of the supply-chain spec): exit 0 when healthy, exit 1 with a line per problem
// otherwise.
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copySupplyChain } from '../apply/fabric-ca/_supply-chain-copy.js';
import {
  type FakeNode,
  type FakeOperations,
  SUPPLY_CHAIN_NODES,
  startFakeOperations,
  withOperationsUrls,
} from '../apply/health/_fake-operations.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

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

  it('--format prometheus: text an independent parser reads, an expiry gauge for every certificate, health and heights', async () => {
    fake = await startFakeOperations(
      nodes({
        'distributor/peer0': {
          heights: { production: 50, distribution: 30 },
          failedChecks: [{ component: 'ledger', reason: 'disk full' }],
        },
        'manufacturer/peer1': { heights: { production: 47, distribution: 30 } },
      }),
    );
    const spec = copySupplyChain(withOperationsUrls(fake));
    const textfile = join(dirname(spec), 'netspec.prom');
    const result = await runCliAsync(['status', spec, '--format', 'prometheus', '--textfile', textfile]);
    expect(result.code).toBe(1);
    expect(readFileSync(textfile, 'utf8')).toBe(result.stdout);
    const families = parsePrometheus(result.stdout);
    const family = (name: string) => families.find((f) => f.name === name)!;

    // Every certificate file of the example, read here with node:crypto: its fingerprint and notAfter are a series.
    const expiry = family('netspec_certificate_expiry_timestamp_seconds');
    expect(expiry.type).toBe('GAUGE');
    for (const file of certificateFiles(dirname(spec))) {
      const certificate = new X509Certificate(readFileSync(file));
      const fingerprint = certificate.fingerprint256.replace(/:/g, '').toLowerCase().slice(0, 16);
      const series = expiry.metrics.filter((m) => m.labels.fingerprint === fingerprint);
      expect(series.length, file).toBeGreaterThan(0);
      for (const one of series) {
        expect(Number(one.value)).toBe(Math.floor(Date.parse(certificate.validTo) / 1000));
        expect(Object.keys(one.labels).sort()).toEqual([
          'fingerprint',
          'kind',
          'network',
          'node',
          'organization',
          'subject',
        ]);
      }
    }
    const ordererTls = expiry.metrics.filter(
      (m) => m.labels.node === 'orderer0' && m.labels.organization === 'operator',
    );
    expect(ordererTls.map((m) => m.labels.kind).sort()).toEqual(['consenter-tls', 'node-tls']);

    const healthy = family('netspec_node_healthy').metrics;
    expect(healthy).toHaveLength(7);
    expect(healthy.find((m) => m.labels.node === 'peer0' && m.labels.organization === 'distributor')!.value).toBe('0');
    expect(healthy.filter((m) => m.value === '1')).toHaveLength(6);
    const heights = family('netspec_ledger_height').metrics;
    expect(
      heights.find(
        (m) =>
          m.labels.organization === 'manufacturer' && m.labels.node === 'peer1' && m.labels.channel === 'production',
      )!.value,
    ).toBe('47');
    const lag = family('netspec_peer_lag_blocks').metrics;
    expect(lag.find((m) => m.labels.node === 'peer1' && m.labels.channel === 'production')!.value).toBe('3');
  });

  it('lists the certificates in the table and warns, without failing, about those within --cert-warning-days', async () => {
    fake = await startFakeOperations(nodes());
    const spec = copySupplyChain(withOperationsUrls(fake));
    const result = await runCliAsync(['status', spec, '--cert-warning-days', '5000']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^certificates\nORGANIZATION +KIND +NODE +EXPIRES +DAYS LEFT +SUBJECT$/m);
    expect(result.stdout).toMatch(
      /^ {2}warning: the TLS certificate of operator\/orderer0 \(O=operator\.supply\.example\.com, CN=orderer0\.operator\.supply\.example\.com\) expires on \d{4}-\d{2}-\d{2} \(\d+ days left\)$/m,
    );
    const json = JSON.parse((await runCliAsync(['status', spec, '--format', 'json'])).stdout);
    expect(json.warnings).toEqual([]);
    expect(json.certificates.length).toBe(certificateFiles(dirname(spec)).length + 3);
  });
});

interface PrometheusFamily {
  name: string;
  type: string;
  metrics: { labels: Record<string, string>; value: string }[];
}

const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => PrometheusFamily[];

/** The example's CA, TLS CA, peer and orderer TLS certificates, as `netspec crypto` laid them out. */
function certificateFiles(networkDir: string): string[] {
  const crypto = join(networkDir, 'crypto');
  const files: string[] = [];
  for (const org of readdirSync(crypto).filter((name) => !name.includes('.'))) {
    for (const folder of ['cacerts', 'tlscacerts'])
      for (const file of readdirSync(join(crypto, org, 'msp', folder)))
        files.push(join(crypto, org, 'msp', folder, file));
    for (const kind of ['peers', 'orderers'])
      for (const host of safeList(join(crypto, org, kind)))
        files.push(join(crypto, org, kind, host, 'tls', 'server.crt'));
  }
  return files;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
