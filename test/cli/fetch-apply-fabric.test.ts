// `netspec fetch` and `netspec apply <bundle>` (no target flag) as a user runs them, against the in-process fake
// Fabric network: the state folder written, the bundle applied with JSON-line progress in CI, the apply record
// written where `netspec history` reads it, a re-run that says it did nothing, and a refusal before sending.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/governance/index.js';
import { rebuildConfigBlock } from '../apply/fabric/_fake-fabric.js';
import { planBundle, sign, startNetwork, type TestNetwork } from '../apply/fabric/_network.js';
import { adminFiles } from '../governance/_fixtures.js';

const bin = fileURLToPath(new URL('../../bin/netspec.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: {
          ...process.env,
          CI: 'true',
          NO_COLOR: '1',
          NETSPEC_FABRIC_RETRIES: '1',
          NETSPEC_FABRIC_BACKOFF_MS: '20',
          NETSPEC_FABRIC_POLL_MS: '10',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

describe('netspec fetch / apply', () => {
  it('fetch writes the state folder; apply applies a signed bundle, records it, and a re-run does nothing', async () => {
    network = await startNetwork();
    const admin = adminFiles('operator');
    const identity = ['--cert', admin.certFile, '--key', admin.keyFile, '--timeout', '2'];
    const out = join(network.dir, 'fetched');
    const fetched = await run(['fetch', network.specFile, '--out', out, ...identity]);
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);
    expect(readdirSync(join(out, 'fabric')).sort()).toEqual([
      'distribution.block',
      'distribution.chaincodes.json',
      'production.block',
      'production.chaincodes.json',
    ]);
    expect(
      fetched.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).event),
    ).toEqual(['fetched', 'fetched', 'fetched', 'fetched']);

    const bundle = planBundle(network, out);
    // The bundle lives outside the network's folder: the spec and state it is judged against are named.
    const judged = ['--spec', network.specFile, '--state', out];
    const unsigned = await run(['apply', bundle.dir, ...judged, ...identity]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toMatch(/^netspec: the bundle does not verify \(waiting\): nothing was sent/);
    expect(network.fake.received.broadcast).toBe(0);

    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const applied = await run(['apply', bundle.dir, ...judged, ...identity]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const lines = applied.stdout.trim().split('\n');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line))).toMatchObject([
      { channel: 'production', action: 'update', outcome: 'applied' },
      { channel: 'distribution', action: 'update', outcome: 'applied' },
    ]);
    expect(lines[2]).toBe('2 applied, 0 already in place, 0 waiting for other organizations, 0 not applied');
    const record = JSON.parse(readFileSync(join(network.dir, 'applied', 'production-1.json'), 'utf8'));
    expect(Object.keys(record)).toEqual([
      'bundleHash',
      'channel',
      'sequence',
      'txIds',
      'blockNumbers',
      'appliedAt',
      'signers',
    ]);
    expect(record).toMatchObject({ channel: 'production', sequence: '1', signers: ['OperatorMSP'] });
    expect(existsSync(join(network.dir, 'applied', 'distribution-1.json'))).toBe(true);

    const again = await run(['apply', bundle.dir, ...judged, ...identity]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(
      'already applied: the live network already has every change of this bundle; nothing was sent',
    );
  });

  it('verify --live judges against the config the orderers serve now, not a state folder that fell behind', async () => {
    network = await startNetwork();
    const admin = adminFiles('operator');
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const judged = ['--spec', network.specFile, '--format', 'json'];
    const live = ['--live', '--cert', admin.certFile, '--key', admin.keyFile, '--timeout', '2'];
    expect((await run(['verify', bundle.dir, ...judged, '--state', network.stateDir])).code).toBe(0);
    expect((await run(['verify', bundle.dir, ...judged, ...live])).code).toBe(0);

    // Someone else's update reaches production; the state folder does not know yet.
    const newest = network.fake.newest('production')!;
    const config = network.fake.config('production');
    config.sequence = String(Number(config.sequence ?? 0) + 1);
    network.fake.store(rebuildConfigBlock(newest.block, config, newest.number + 1));
    expect((await run(['verify', bundle.dir, ...judged, '--state', network.stateDir])).code).toBe(0);
    const fetched = await run(['verify', bundle.dir, ...judged, ...live]);
    expect(fetched.code).toBe(1);
    const report = JSON.parse(fetched.stdout) as VerifyReport;
    expect(report.updates.find((u) => u.channel === 'production')?.problems[0]).toMatch(/^stale: /);
  });
});
