// `netspec apply <bundle> --quorum --org <org>` through the real binary against a local JSON-RPC server. The
// binary runs asynchronously (spawn, not spawnSync) so the server in this process can answer it.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { addressFromPublicKey, buildVotesFile, renderVotesFile } from '../../src/compiler/quorum/index.js';
import { type FakeQuorumNetwork, startFakeQuorumNetwork } from '../apply/quorum/_fake-quorum-node.js';
import { testPublicKey, writeQuorumSpec } from '../compiler/quorum/_quorum-spec.js';
import { runCliAsync as runCli } from '../helpers/run-cli.js';

const address = (seed: number) => addressFromPublicKey(testPublicKey(seed));
const NODES = { validator1: address(1), validator2: address(2), validator3: address(3), validator4: address(4) };
const GENESIS_SET = [1, 2, 3, 4].map(address);

/** A bundle with the spec's copy and quorum/payments/votes.json: add validator5 (retailer) to the genesis set. */
function writeBundle(fake: FakeQuorumNetwork): string {
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
  const model = loadSpec(spec).value!.model;
  const bundle = mkdtempSync(join(tmpdir(), 'netspec-bundle-'));
  mkdirSync(join(bundle, 'quorum', 'payments'), { recursive: true });
  const network = model.quorum.find((candidate) => candidate.name === 'payments')!;
  writeFileSync(
    join(bundle, 'quorum', 'payments', 'votes.json'),
    renderVotesFile(buildVotesFile(network, { validators: GENESIS_SET, blockNumber: 1 })!),
  );
  return `${bundle}::${spec}`;
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
    const [bundle, spec] = writeBundle(fake).split('::') as [string, string];
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

  it('takes the spec from plan.json and refuses a spec that is not the one planned', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const [bundle, spec] = writeBundle(fake).split('::') as [string, string];
    const specHash = createHash('sha256').update(readFileSync(spec)).digest('hex');
    writeFileSync(join(bundle, 'plan.json'), JSON.stringify({ specFile: spec, specHash }));
    const planned = await runCliAsync(['apply', bundle, '--quorum', '--org', 'retailer', '--dry-run'], { CI: 'true' });
    expect(planned.code).toBe(2);
    expect(JSON.parse(planned.stdout)).toMatchObject({ event: 'would-vote', voter: 'payments/validator4' });
    expect(fake.calls.map((call) => call.method)).toEqual(['qbft_getValidatorsByBlockNumber']);

    writeFileSync(join(bundle, 'plan.json'), JSON.stringify({ specFile: spec, specHash: '00'.repeat(32) }));
    const stale = await runCliAsync(['apply', bundle, '--quorum', '--org', 'retailer']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      `netspec: ${spec} is not the spec this bundle was planned from (plan.json specHash differs)\n`,
    );
  });

  it('refuses without --org, for an unknown org, and when a node is unreachable', async () => {
    fake = await startFakeQuorumNetwork(NODES, GENESIS_SET);
    const [bundle, spec] = writeBundle(fake).split('::') as [string, string];
    const noOrg = await runCliAsync(['apply', bundle, '--quorum', '--spec', spec]);
    expect(noOrg).toMatchObject({ code: 1, stderr: expect.stringContaining('--quorum needs --org') });
    const unknown = await runCliAsync(['apply', bundle, '--quorum', '--org', 'acme', '--spec', spec]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("no organization 'acme'") });
    await fake.close();
    fake = undefined;
    const down = await runCliAsync(['apply', bundle, '--quorum', '--org', 'manufacturer', '--spec', spec]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /netspec: payments: qbft_getValidatorsByBlockNumber: cannot reach http:\/\/127\.0\.0\.1:\d+\/validator1 after 4 attempts/,
    );
  });
});
