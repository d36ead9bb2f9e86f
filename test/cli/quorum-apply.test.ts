// `netspec apply <bundle> --quorum --org <org>` through the CLI's main(), in process, against a local JSON-RPC
// server in this same process (the command awaits its answers, so the server is free to give them).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { makePlan } from '../../src/compiler/plan/index.js';
import { addressFromPublicKey } from '../../src/compiler/quorum/index.js';
import { type FakeQuorumNetwork, startFakeQuorumNetwork } from '../apply/quorum/_fake-quorum-node.js';
import { testPublicKey, writeQuorumSpec } from '../compiler/quorum/_quorum-spec.js';
import { writeTestBundle } from '../helpers/bundle-fixture.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const address = (seed: number) => addressFromPublicKey(testPublicKey(seed));
const NODES = { validator1: address(1), validator2: address(2), validator3: address(3), validator4: address(4) };
const GENESIS_SET = [1, 2, 3, 4].map(address);

/**
 * A network folder whose spec adds validator5 (retailer) to payments, its state (the example's channels, the
 * genesis validator set live), and the bundle planned from them in its bundle/ folder.
 */
function writeBundle(fake: FakeQuorumNetwork): { bundle: string; spec: string } {
  const spec = writeQuorumSpec((yaml) =>
    yaml
      .replace(
        '    members:\n      - { name: member1',
        `      - { name: validator5, organization: retailer, publicKey: "${testPublicKey(6)}" }\n    members:\n      - { name: member1`,
      )
      .replace(
        /^connection:\n/m,
        `connection:\n  endpoints:\n${Object.keys(NODES)
          .map((node) => `    payments/${node}: { url: "${fake.url(node)}" }\n`)
          .join('')}`,
      ),
  );
  const dir = dirname(spec);
  const stateDir = join(dir, 'state');
  mkdirSync(join(stateDir, 'quorum'), { recursive: true });
  symlinkSync(join(repoRoot, 'networks/supply-chain/state/fabric'), join(stateDir, 'fabric'));
  writeFileSync(join(stateDir, 'quorum', 'payments.json'), JSON.stringify({ validators: GENESIS_SET, blockNumber: 1 }));
  const loaded = loadSpec(spec).value!;
  const result = makePlan({ loaded, specFile: spec, stateDir, timestamp: new Date(0) });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  const bundle = join(dir, 'bundle');
  writeTestBundle(bundle, result.plan, result.artifacts);
  return { bundle, spec };
}

let fake: FakeQuorumNetwork | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const runCliAsync = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { NETSPEC_QUORUM_POLL_MS: '20', ...env } });

describe('netspec apply --quorum', () => {
  it('casts each org’s own votes, exits 2 while others must still vote and 0 once in effect', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { bundle, spec } = writeBundle(fake);
    const apply = (org: string) =>
      runCliAsync(['apply', bundle, '--quorum', '--org', org, '--spec', spec, '--timeout', '0.3'], { CI: 'true' });

    const manufacturer = await apply('manufacturer');
    expect(manufacturer.stderr).toBe('');
    expect(manufacturer.code).toBe(2);
    const events = manufacturer.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e: { event: string; voter?: string }) => `${e.event} ${e.voter ?? ''}`.trim())).toEqual([
      'vote payments/validator1',
      'vote payments/validator2',
      'waiting',
    ]);
    expect(new Set(fake.calls.map((call) => call.node))).toEqual(new Set(['validator1', 'validator2']));

    const distributor = await apply('distributor');
    expect(distributor.code).toBe(0);
    expect(distributor.stdout).toContain('"event":"applied"');
    expect(fake.validators()).toEqual([...GENESIS_SET, address(6)]);

    const retailer = await apply('retailer');
    expect(retailer.code).toBe(0);
    expect(JSON.parse(retailer.stdout)).toMatchObject({ event: 'skip', step: 1, address: address(6) });
    expect(fake.calls.filter((call) => call.node === 'validator4').map((call) => call.method)).toEqual([
      'qbft_getValidatorsByBlockNumber',
    ]);
    expect(fake.calls.filter((call) => call.method === 'qbft_proposeValidatorVote')).toEqual(
      ['validator1', 'validator2', 'validator3'].map((node) => ({
        node,
        method: 'qbft_proposeValidatorVote',
        params: [address(6), true],
      })),
    );
  });

  it('takes the spec beside the bundle and refuses a spec that is not the one planned', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { bundle, spec } = writeBundle(fake);
    const planned = await runCliAsync(['apply', bundle, '--quorum', '--org', 'retailer', '--dry-run'], { CI: 'true' });
    expect(planned.code).toBe(2);
    expect(JSON.parse(planned.stdout)).toMatchObject({ event: 'would-vote', voter: 'payments/validator4' });
    expect(fake.calls.map((call) => call.method)).toEqual(['qbft_getValidatorsByBlockNumber']);

    writeFileSync(spec, `${readFileSync(spec, 'utf8')}# edited after the plan\n`);
    const stale = await runCliAsync(['apply', bundle, '--quorum', '--org', 'retailer']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`the spec ${spec} is not the one this bundle was planned from (specHash differs)`);
    expect(fake.calls.map((call) => call.method)).toEqual(['qbft_getValidatorsByBlockNumber']);
  });

  it('refuses without --org, for an unknown org, and when a node is unreachable', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const { bundle, spec } = writeBundle(fake);
    const noOrg = await runCliAsync(['apply', bundle, '--quorum', '--spec', spec]);
    expect(noOrg).toMatchObject({ code: 1, stderr: expect.stringContaining('--quorum needs --org') });
    const unknown = await runCliAsync(['apply', bundle, '--quorum', '--org', 'acme', '--spec', spec]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("no organization 'acme'") });
    await fake.close();
    fake = undefined;
    const down = await runCliAsync(['apply', bundle, '--quorum', '--org', 'manufacturer', '--spec', spec]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^error NS_APPLY_UNREACHABLE payments: qbft_getValidatorsByBlockNumber: cannot reach http:\/\/127\.0\.0\.1:\d+\/validator1 after 4 attempts/,
    );
    expect(down.stderr).toContain('  hint: check that the node runs');
  });

  it('names a node that answers without the QBFT API, and says how to enable it', async () => {
    // validator1 is no voter of this fake network, so it answers every method with JSON-RPC -32601.
    const { validator1: _disabled, ...enabled } = NODES;
    fake = await startFakeQuorumNetwork(enabled, GENESIS_SET);
    const { bundle, spec } = writeBundle(fake);
    const refused = await runCliAsync(['apply', bundle, '--quorum', '--org', 'manufacturer', '--spec', spec]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error NS_QUORUM_RPC_ERROR payments: qbft_getValidatorsByBlockNumber failed: Method not enabled \(JSON-RPC error -32601\)\n {2}hint: enable the consensus API/,
    );
  });
});
