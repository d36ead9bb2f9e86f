// `netspec fetch` and `netspec apply <bundle>` (no target flag) as a user runs them, against the in-process fake
// Fabric network: the state folder written, the bundle applied with JSON-line progress in CI, the apply record
// written where `netspec history` reads it, a re-run that says it did nothing, and a refusal before sending.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/governance/index.js';
import { rebuildConfigBlock } from '../apply/fabric/_fake-fabric.js';
import {
  type OrgCredentials,
  orgCredentials,
  planBundle,
  sign,
  startNetwork,
  type TestNetwork,
} from '../apply/fabric/_network.js';
import { adminFiles, type Org } from '../governance/_fixtures.js';
import { type CliResult, runCliAsync } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

/** A command as CI runs it, through the CLI's main() in this process (the fake network answers from here too). */
function run(args: string[]): Promise<CliResult> {
  return runCliInProcess(args, {
    env: { CI: 'true', NETSPEC_FABRIC_RETRIES: '1', NETSPEC_FABRIC_BACKOFF_MS: '20', NETSPEC_FABRIC_POLL_MS: '10' },
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
    // The ordering org may not query the peers' committed chaincodes (their _lifecycle ACL): fetch says who may.
    const asOperator = await run(['fetch', network.specFile, '--out', out, ...identity]);
    expect(asOperator.code).toBe(1);
    expect(asOperator.stdout).toContain(
      'OperatorMSP may not query the committed chaincodes: the peers allow _lifecycle queries only to /Channel/Application/Writers of production; fetch with --org manufacturer or --org distributor',
    );
    const member = adminFiles('manufacturer');
    const memberIdentity = ['--org', 'manufacturer', '--cert', member.certFile, '--key', member.keyFile];
    const fetched = await run(['fetch', network.specFile, '--out', out, ...memberIdentity, '--timeout', '2']);
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
    // Printed as validate prints findings: the code a script matches, then each policy still unmet with a hint.
    expect(unsigned.stderr).toMatch(
      /^error NS_APPLY_NOT_SATISFIED the bundle does not verify \(waiting\): nothing was sent\n/,
    );
    expect(unsigned.stderr).toMatch(
      /^error NS_APPLY_NOT_SATISFIED production: waiting; .*\n {2}hint: collect the missing/m,
    );
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
    // The distribution update adds the retailer: only the retailer can join its peer, and the run says so.
    expect(JSON.parse(lines[2]!)).toMatchObject({
      action: 'join-peer',
      target: 'retailer/peer0',
      outcome: 'delegated',
    });
    expect(lines.slice(3)).toEqual([
      '2 applied, 0 already in place, 0 waiting for other organizations, 0 not applied',
      'still to do by other organizations:',
      '  retailer: join peer0 to distribution',
    ]);
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
    expect(again.stdout.trim().split('\n').slice(-3)).toEqual([
      'already applied: the live network already has every change of this bundle; nothing was sent',
      'still to do by other organizations:',
      '  retailer: join peer0 to distribution',
    ]);
  });

  it('verify --live judges against the config the orderers serve now, not a state folder that fell behind', async () => {
    network = await startNetwork();
    const admin = adminFiles('manufacturer');
    const bundle = planBundle(network);
    sign(bundle, 'manufacturer', 'distributor', 'operator');
    const judged = ['--spec', network.specFile, '--format', 'json'];
    const live = [
      '--live',
      '--org',
      'manufacturer',
      '--cert',
      admin.certFile,
      '--key',
      admin.keyFile,
      '--timeout',
      '2',
    ];
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
    const stale = report.updates.find((u) => u.channel === 'production')?.problems[0];
    expect(stale?.code).toBe('NS_UPDATE_STALE');
    expect(stale?.message).toMatch(/^stale: /);
  });
});

/**
 * The supply chain before the retailer: distribution is new (manufacturer and distributor), production as live,
 * no chaincodes (their lifecycle is chaincode-lifecycle.test.ts's business).
 */
function withoutRetailer(text: string): string {
  return text
    .slice(0, text.indexOf('chaincodes:\n'))
    .concat(text.slice(text.indexOf('connection:\n')))
    .replace('maxMessageCount: 500', 'maxMessageCount: 100')
    .replace('members: [manufacturer, distributor, retailer]', 'members: [manufacturer, distributor]')
    .replace(", 'RetailerMSP.peer')", ')');
}

describe('each organization applies its own part with its own keys', () => {
  it('the operator creates, each member joins its peers, an added org joins its own; then nothing is left', async () => {
    network = await startNetwork({ omitChannels: ['distribution'], editSpec: withoutRetailer });
    const net = network;
    // Each org's run gets its own folder and nothing else: its admin pair and its TLS client pair.
    const creds = {} as Record<Org, OrgCredentials>;
    for (const org of ['operator', 'manufacturer', 'distributor', 'retailer'] as const)
      creds[org] = await orgCredentials(net, org);
    /** `org` signs the bundle at `dir` in its own `netspec sign` process, with its own admin pair only. */
    const signAs = async (org: Org, dir: string) => {
      const mspId = net.model.organizations.find((o) => o.name === org)!.mspId;
      const signed = await runCliAsync([
        'sign',
        dir,
        '--msp-id',
        mspId,
        '--cert',
        creds[org].certFile,
        '--key',
        creds[org].keyFile,
      ]);
      expect(signed.code, signed.stderr).toBe(0);
    };
    const as = (org: Org) => [
      '--org',
      org,
      '--cert',
      creds[org].certFile,
      '--key',
      creds[org].keyFile,
      '--tls-cert',
      creds[org].tlsCertFile,
      '--tls-key',
      creds[org].tlsKeyFile,
      '--timeout',
      '5',
    ];
    const bundleDir = join(net.dir, 'bundle');
    const planned = await run(['plan', net.specFile, '--out', bundleDir]);
    expect(planned.code, planned.stderr).toBe(2);
    const events = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { action: string; target: string; outcome: string });
    const summary = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('{'));

    // The operator joins its orderers; the members' peers are theirs to join, and it says so.
    const operator = await run(['apply', bundleDir, ...as('operator')]);
    expect(operator.stderr).toBe('');
    expect(operator.code).toBe(0);
    expect(events(operator.stdout).map((e) => `${e.action} ${e.target} ${e.outcome}`)).toEqual([
      'join-orderer operator/orderer0 applied',
      'join-orderer operator/orderer1 already',
      'join-orderer operator/orderer2 already',
      'join-peer manufacturer/peer0 delegated',
      'join-peer manufacturer/peer1 delegated',
      'join-peer distributor/peer0 delegated',
    ]);
    expect(summary(operator.stdout)).toEqual([
      '1 applied, 2 already in place, 0 waiting for other organizations, 0 not applied',
      'still to do by other organizations:',
      '  manufacturer: join peer0, peer1 to distribution',
      '  distributor: join peer0 to distribution',
    ]);

    // Each member joins its own peers, with its own identity; the orderer's admin API is never asked.
    for (const org of ['manufacturer', 'distributor'] as const) {
      const member = await run(['apply', bundleDir, ...as(org)]);
      expect(member.stderr).toBe('');
      expect(member.code).toBe(0);
      const own = events(member.stdout).filter((e) => e.target.startsWith(`${org}/`));
      expect(own.map((e) => e.outcome)).toEqual(own.map(() => 'applied'));
    }
    for (const host of ['peer0.manufacturer', 'peer1.manufacturer', 'peer0.distributor'])
      expect([...(net.fake.peerLedgers.get(`${host}.supply.example.com`) ?? [])]).toEqual(['distribution']);

    // The retailer joins distribution: fetched as a member, planned, signed by each admin with its own key.
    const fetched = await run(['fetch', net.specFile, '--out', net.stateDir, ...as('manufacturer')]);
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);
    writeFileSync(
      net.specFile,
      readFileSync(net.specFile, 'utf8')
        .replace(
          'distribution:\n    members: [manufacturer, distributor]',
          'distribution:\n    members: [manufacturer, distributor, retailer]',
        )
        .replace("'DistributorMSP.peer')", "'DistributorMSP.peer', 'RetailerMSP.peer')"),
    );
    const addDir = join(net.dir, 'bundle-add');
    const addPlan = await run(['plan', net.specFile, '--out', addDir]);
    expect(addPlan.code, addPlan.stderr).toBe(2);
    for (const org of ['manufacturer', 'distributor'] as const) await signAs(org, addDir);
    // Before the update, the retailer may not even read the channel: it waits.
    const early = await run(['apply', addDir, ...as('retailer')]);
    expect(early.code).toBe(2);
    expect(events(early.stdout).map((e) => `${e.action} ${e.outcome}`)).toEqual(['update waiting']);
    const added = await run(['apply', addDir, ...as('manufacturer')]);
    expect(added.code, added.stderr).toBe(0);
    expect(summary(added.stdout)).toEqual([
      '1 applied, 0 already in place, 0 waiting for other organizations, 0 not applied',
      'still to do by other organizations:',
      '  retailer: join peer0 to distribution',
    ]);
    const retailer = await run(['apply', addDir, ...as('retailer')]);
    expect(retailer.stderr).toBe('');
    expect(retailer.code).toBe(0);
    expect(events(retailer.stdout).map((e) => `${e.action} ${e.target} ${e.outcome}`)).toEqual([
      'update operator/orderer0 already',
      'join-peer retailer/peer0 applied',
    ]);
    expect([...(net.fake.peerLedgers.get('peer0.retailer.supply.example.com') ?? [])]).toEqual(['distribution']);

    // The live network is what the spec says: fetched again, the plan has nothing to do.
    const after = await run(['fetch', net.specFile, '--out', net.stateDir, ...as('retailer')]);
    expect(after.code).toBe(1);
    expect(events(after.stdout)).toContainEqual({
      event: 'failed',
      target: 'production',
      detail: expect.stringMatching(
        /^RetailerMSP may not read production \(\/Channel\/Readers: .*\): fetch with --org manufacturer or --org distributor or --org operator/,
      ),
    });
    const again = await run(['fetch', net.specFile, '--out', net.stateDir, ...as('distributor')]);
    expect(again.code, again.stderr).toBe(0);
    // Kubernetes is not part of this story: its manifests count as applied (state/k8s/<org>/, as `apply --k8s`).
    for (const dir of [bundleDir, addDir])
      if (existsSync(join(dir, 'k8s'))) cpSync(join(dir, 'k8s'), join(net.stateDir, 'k8s'), { recursive: true });
    // Nor are application users: they count as converged (state/users/<org>.json, as `apply --users` records them).
    cpSync(
      fileURLToPath(new URL('../../networks/supply-chain/state/users', import.meta.url)),
      join(net.stateDir, 'users'),
      {
        recursive: true,
      },
    );
    const finalPlan = await run(['plan', net.specFile]);
    expect(finalPlan.code, finalPlan.stdout + finalPlan.stderr).toBe(0);

    // The retailer leaves: its peer keeps the ledger and stays joined, which only the retailer can undo.
    writeFileSync(
      net.specFile,
      readFileSync(net.specFile, 'utf8')
        .replace(
          'distribution:\n    members: [manufacturer, distributor, retailer]',
          'distribution:\n    members: [manufacturer, distributor]',
        )
        .replace("'DistributorMSP.peer', 'RetailerMSP.peer')", "'DistributorMSP.peer')"),
    );
    const removeDir = join(net.dir, 'bundle-remove');
    const removePlan = await run(['plan', net.specFile, '--out', removeDir]);
    expect(removePlan.code, removePlan.stdout + removePlan.stderr).toBe(2);
    for (const org of ['manufacturer', 'distributor'] as const) await signAs(org, removeDir);
    const removed = await run(['apply', removeDir, ...as('manufacturer')]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(events(removed.stdout).map((e) => `${e.action} ${e.target} ${e.outcome}`)).toEqual([
      'update operator/orderer0 applied',
      'unjoin-peer retailer/peer0 delegated',
    ]);
    expect(summary(removed.stdout).slice(1)).toEqual([
      'still to do by other organizations:',
      '  retailer: unjoin peer0 from distribution',
    ]);
  }, 240_000);
});
