// `netspec quorum extra-data | genesis | artifacts | votes` through the CLI's main(), in process: outputs, positions
// of bad input, exit codes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressFromPublicKey } from '../../src/compiler/quorum/address.js';
import { testPublicKey, writeQuorumSpec } from '../compiler/quorum/_quorum-spec.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'netspec-quorum-cli-')), name);
  writeFileSync(file, text);
  return file;
}

const BESU_VALIDATORS = ['0xbe068f726a13c8d46c44be6ce9d275600e1735a4', '0x5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193'];

describe('netspec quorum extra-data', () => {
  it('prints the Besu QBFT and IBFT 2.0 vectors byte for byte', async () => {
    const file = tempFile('validators.json', JSON.stringify(BESU_VALIDATORS));
    const qbft = await runCli(['quorum', 'extra-data', '--type', 'qbft', file]);
    expect(qbft).toMatchObject({ code: 0, stderr: '' });
    expect(qbft.stdout).toBe(
      `0xf84fa0${'00'.repeat(32)}ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193c080c0\n`,
    );
    const ibft2 = await runCli(['quorum', 'extra-data', '--type', 'ibft2', file]);
    expect(ibft2.stdout).toBe(
      `0xf853a0${'00'.repeat(32)}ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193808400000000c0\n`,
    );
  });

  it('accepts node public keys and EIP-55 addresses alike', async () => {
    const keys = tempFile('keys.json', JSON.stringify([testPublicKey(1)]));
    const checksummed = tempFile('addresses.json', JSON.stringify(['0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf']));
    const fromKey = await runCli(['quorum', 'extra-data', '--type', 'istanbul', keys]);
    expect(fromKey.code).toBe(0);
    expect(fromKey.stdout).toContain('7e5f4552091a69125d5dfcb7b8c2659029395bdf');
    expect((await runCli(['quorum', 'extra-data', '--type', 'istanbul', checksummed])).stdout).toBe(fromKey.stdout);
  });

  it('reports an invalid public key and a duplicate validator at their line:col, exit 1', async () => {
    const text = `[\n  "${BESU_VALIDATORS[0]}",\n  "${'00'.repeat(64)}",\n  "${BESU_VALIDATORS[0]!.toUpperCase().replace('0X', '0x')}"\n]\n`;
    const file = tempFile('validators.json', text);
    const result = await runCli(['quorum', 'extra-data', '--type', 'qbft', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `${file}:3:3 error NS_QUORUM_INVALID_KEY entry 1 is not an address or a secp256k1 public key: it is not a point on the secp256k1 curve`,
    );
    expect(result.stderr).toContain(
      `${file}:4:3 error NS_QUORUM_DUPLICATE_VALIDATOR entry 2 is validator ${BESU_VALIDATORS[0]} again (first at entry 0)`,
    );
  });

  it('rejects a bad checksum and a non-array input', async () => {
    const badChecksum = tempFile('v.json', '["0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf"]');
    expect((await runCli(['quorum', 'extra-data', '--type', 'qbft', badChecksum])).stderr).toMatch(
      /v\.json:1:2 error NS_QUORUM_INVALID_ADDRESS .*checksum/,
    );
    const notArray = await runCli(['quorum', 'extra-data', '--type', 'qbft', tempFile('v.json', '{"a": 1}')]);
    expect(notArray.code).toBe(1);
    expect(notArray.stderr).toContain('expected a JSON array');
    expect((await runCli(['quorum', 'extra-data', '--type', 'clique', badChecksum])).code).toBe(1);
  });
});

describe('netspec quorum genesis', () => {
  it('writes the Besu genesis of a network, and the GoQuorum one with --client', async () => {
    const spec = writeQuorumSpec();
    const besu = await runCli(['quorum', 'genesis', spec, '--network', 'payments']);
    expect(besu.code).toBe(0);
    const genesis = JSON.parse(besu.stdout);
    expect(genesis.config.qbft).toEqual({ blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 10 });
    expect(genesis.extraData).toContain(addressFromPublicKey(testPublicKey(4)).slice(2));
    const output = join(dirname(spec), 'out', 'genesis.json');
    const goquorum = await runCli([
      'quorum',
      'genesis',
      spec,
      '--network',
      'payments',
      '--client',
      'goquorum',
      '--output',
      output,
    ]);
    expect(goquorum).toMatchObject({ code: 0, stdout: '' });
    const written = JSON.parse(readFileSync(output, 'utf8'));
    expect(written.config.isQuorum).toBe(true);
    expect(written.extraData).toBe(genesis.extraData);
  });

  it('asks for --network when the spec has several', async () => {
    const result = await runCli(['quorum', 'genesis', writeQuorumSpec()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('netspec: choose a network with --network (payments, ledger)\n');
  });

  it.each([
    [
      'a validator of an unknown org',
      (y: string) => y.replace('organization: distributor, publicKey', 'organization: distributer, publicKey'),
      'NS_UNKNOWN_ORG',
      'distributer',
    ],
    [
      'fewer than 4 BFT validators',
      (y: string) => y.replace(/^ {6}- \{ name: node4.*\n/m, ''),
      'NS_BFT_TOO_FEW_VALIDATORS',
      '- { name: node1',
    ],
    [
      'a chain id clash',
      (y: string) => y.replace('chainId: 2020', 'chainId: 1337'),
      'NS_QUORUM_CHAIN_ID_CLASH',
      '1337\n    privacy',
    ],
    [
      'an invalid public key',
      (y: string) => y.replace(testPublicKey(12), '00'.repeat(64)),
      'NS_QUORUM_INVALID_KEY',
      `"${'00'.repeat(64)}`,
    ],
    [
      'duplicate validators',
      (y: string) => y.replace(testPublicKey(13), testPublicKey(12)),
      'NS_QUORUM_DUPLICATE_VALIDATOR',
      `"${testPublicKey(12)}`,
    ],
  ])('refuses %s with its position, exit 1', async (_name, edit, code, needle) => {
    const spec = writeQuorumSpec(edit);
    const text = readFileSync(spec, 'utf8');
    const occurrence = code === 'NS_QUORUM_DUPLICATE_VALIDATOR' ? text.lastIndexOf(needle) : text.indexOf(needle);
    const before = text.slice(0, occurrence).split('\n');
    const position = `${before.length}:${before.at(-1)!.length + 1}`;
    const result = await runCli(['quorum', 'genesis', spec, '--network', 'ledger']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${spec}:${position} error ${code} `);
  });
});

describe('netspec quorum artifacts and votes', () => {
  it('writes genesis, static-nodes, permissioned-nodes and tessera-peers for a GoQuorum network with privacy', async () => {
    const spec = writeQuorumSpec();
    const out = join(dirname(spec), 'artifacts');
    expect((await runCli(['quorum', 'artifacts', spec, '--network', 'ledger', '--out', out])).code).toBe(0);
    const staticNodes = JSON.parse(readFileSync(join(out, 'static-nodes.json'), 'utf8'));
    expect(staticNodes[1]).toBe(
      `enode://${testPublicKey(12)}@ledger-node2.supply-distributor.svc.cluster.local:30303?discport=0`,
    );
    expect(readFileSync(join(out, 'permissioned-nodes.json'), 'utf8')).toBe(
      readFileSync(join(out, 'static-nodes.json'), 'utf8'),
    );
    expect(JSON.parse(readFileSync(join(out, 'tessera-peers.json'), 'utf8')).peer).toHaveLength(4);
  });

  it('plans votes from state/quorum/<network>.json and warns when f drops', async () => {
    const spec = writeQuorumSpec();
    const stateDir = join(dirname(spec), 'state', 'quorum');
    mkdirSync(stateDir, { recursive: true });
    const live = [1, 2, 3, 4, 7, 8, 9].map((seed) => addressFromPublicKey(testPublicKey(seed)));
    writeFileSync(join(stateDir, 'payments.json'), JSON.stringify({ validators: live, blockNumber: 42 }));
    const result = await runCli(['quorum', 'votes', spec, '--network', 'payments']);
    expect(result.code).toBe(0);
    const votes = JSON.parse(result.stdout);
    expect(votes).toMatchObject({ network: 'payments', client: 'besu', consensus: 'qbft', live: { blockNumber: 42 } });
    expect(votes.steps.map((s: { action: string; address: string }) => [s.action, s.address])).toEqual([
      ['remove', live[4]],
      ['remove', live[5]],
      ['remove', live[6]],
    ]);
    expect(votes.steps[1].before).toEqual({ n: 6, f: 1 });
    expect(result.stderr).toBe(`warning: remove ${live[4]}: fault tolerance drops from f = 2 to f = 1 (n = 7 -> 6)\n`);
    const missing = await runCli(['quorum', 'votes', spec, '--network', 'ledger']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ledger.json');
  });
});
