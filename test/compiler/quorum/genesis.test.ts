// genesis.json and node lists of the test spec's two networks: Besu QBFT (payments) and GoQuorum IBFT (ledger).
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { QuorumNetworkModel } from '../../../src/compiler/model/network-model.js';
import {
  addressFromPublicKey,
  BFT_MIX_HASH,
  buildGenesis,
  bytesToHex,
  canonicalJson,
  decodeRlp,
  emitQuorumArtifacts,
  enodeUrl,
  hexToBytes,
  staticNodes,
} from '../../../src/compiler/quorum/index.js';
import { testPublicKey, writeQuorumSpec } from './_quorum-spec.js';

function networks(): Record<string, QuorumNetworkModel> {
  const loaded = loadSpec(writeQuorumSpec());
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return Object.fromEntries(loaded.value.model.quorum.map((network) => [network.name, network]));
}

const { payments, ledger } = networks();

/** The fields the tests read from a genesis. */
interface GenesisView {
  config: Record<string, unknown>;
  extraData: string;
  difficulty: string;
  mixHash: string;
  gasLimit: string;
  alloc: unknown;
}

/** The validator addresses a genesis extraData names, decoded back from its bytes. */
function validatorsIn(extraData: string, vanityOutside = false): string[] {
  const bytes = hexToBytes(extraData)!;
  const decoded = decodeRlp(vanityOutside ? bytes.subarray(32) : bytes) as Uint8Array[][];
  return (decoded[vanityOutside ? 0 : 1] as Uint8Array[]).map(bytesToHex);
}

describe('Besu genesis (QBFT)', () => {
  const genesis = buildGenesis(payments!) as unknown as GenesisView;

  it('carries config.qbft with seconds, the chain id, and BFT header fields', () => {
    expect(genesis.config).toEqual({
      chainId: 1337,
      berlinBlock: 0,
      qbft: { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 10 },
    });
    expect(genesis.difficulty).toBe('0x1');
    expect(genesis.mixHash).toBe(BFT_MIX_HASH);
    expect(genesis.gasLimit).toBe('0x1fffffffffffff');
  });

  it('lists the validators in spec order in the extraData, derived from their public keys', () => {
    const expected = [1, 2, 3, 4].map((seed) => addressFromPublicKey(testPublicKey(seed)));
    expect(expected[0]).toBe('0x7e5f4552091a69125d5dfcb7b8c2659029395bdf');
    expect(validatorsIn(genesis.extraData)).toEqual(expected);
    expect(genesis.extraData.endsWith('c080c0')).toBe(true);
    // Members do not validate.
    expect(genesis.extraData).not.toContain(addressFromPublicKey(testPublicKey(5)).slice(2));
  });

  it('writes alloc keyed by lower-case address without 0x', () => {
    expect(genesis.alloc).toEqual({ '7e5f4552091a69125d5dfcb7b8c2659029395bdf': { balance: '1000000000000000000' } });
  });

  it('renders deterministically: sorted keys, 2-space indent, trailing newline', () => {
    const text = canonicalJson(genesis);
    expect(text).toBe(canonicalJson(buildGenesis(networks().payments!)));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "alloc": {');
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
  });

  it('uses config.ibft2 and the IBFT 2.0 extraData for Besu IBFT', () => {
    const ibft = buildGenesis({ ...payments!, consensus: 'ibft' }) as unknown as GenesisView;
    expect(Object.keys(ibft.config)).toEqual(['chainId', 'berlinBlock', 'ibft2']);
    expect(ibft.extraData.endsWith('808400000000c0')).toBe(true);
  });

  it('refuses Raft for Besu', () => {
    expect(() => buildGenesis({ ...payments!, consensus: 'raft' })).toThrow(/Besu does not implement Raft/);
  });
});

describe('GoQuorum genesis', () => {
  it('IBFT: isQuorum, config.ibft with policy and ceil2Nby3Block, and the Istanbul extraData', () => {
    const genesis = buildGenesis(ledger!) as unknown as GenesisView;
    expect(genesis.config.isQuorum).toBe(true);
    expect(genesis.config.chainId).toBe(2020);
    expect(genesis.config.ibft).toEqual({
      blockperiodseconds: 5,
      epochlength: 30000,
      requesttimeoutseconds: 10,
      policy: 0,
      ceil2Nby3Block: 0,
    });
    expect(genesis.extraData.slice(2, 66)).toBe('0'.repeat(64));
    expect(validatorsIn(genesis.extraData, true)).toEqual(
      [11, 12, 13, 14].map((seed) => addressFromPublicKey(testPublicKey(seed))),
    );
  });

  it('QBFT for GoQuorum shares the QBFT extraData bytes with Besu', () => {
    const besu = buildGenesis(payments!) as unknown as GenesisView;
    const goquorum = buildGenesis(payments!, 'goquorum') as unknown as GenesisView;
    expect(goquorum.extraData).toBe(besu.extraData);
    expect(goquorum.config.qbft).toMatchObject({ blockperiodseconds: 2, policy: 0 });
  });

  it('Raft: no consensus section, zero extraData vanity, difficulty 0', () => {
    const genesis = buildGenesis({ ...ledger!, consensus: 'raft' }) as unknown as GenesisView;
    expect(genesis.config.ibft).toBeUndefined();
    expect(genesis.config.qbft).toBeUndefined();
    expect(genesis.extraData).toBe(`0x${'00'.repeat(32)}`);
    expect(genesis.difficulty).toBe('0x0');
  });
});

describe('node lists', () => {
  it('Besu static-nodes: enode URLs on the node Service (<network>-<node>) in its org namespace, or the given host', () => {
    expect(staticNodes(payments!)).toEqual([
      `enode://${testPublicKey(1)}@payments-validator1.supply-manufacturer.svc.cluster.local:30303`,
      `enode://${testPublicKey(2)}@payments-validator2.supply-manufacturer.svc.cluster.local:30303`,
      `enode://${testPublicKey(3)}@payments-validator3.supply-distributor.svc.cluster.local:30303`,
      `enode://${testPublicKey(4)}@rpc4.retail.example.com:30304`,
      `enode://${testPublicKey(5)}@payments-member1.supply-retailer.svc.cluster.local:30303`,
    ]);
  });

  it('GoQuorum adds ?discport=0, and &raftport=50400 for Raft', () => {
    const node = ledger!.validators[0]!;
    expect(enodeUrl(node, ledger!)).toBe(
      `enode://${testPublicKey(11)}@ledger-node1.supply-manufacturer.svc.cluster.local:30303?discport=0`,
    );
    expect(enodeUrl(node, { client: 'goquorum', consensus: 'raft' })).toMatch(/\?discport=0&raftport=50400$/);
  });

  it('emits permissioned-nodes.json for GoQuorum and tessera-peers.json when privacy is on', () => {
    expect(Object.keys(emitQuorumArtifacts(payments!)).sort()).toEqual(['genesis.json', 'static-nodes.json']);
    const files = emitQuorumArtifacts(ledger!);
    expect(Object.keys(files).sort()).toEqual([
      'genesis.json',
      'permissioned-nodes.json',
      'static-nodes.json',
      'tessera-peers.json',
    ]);
    expect(files['permissioned-nodes.json']).toBe(files['static-nodes.json']);
    expect(JSON.parse(files['tessera-peers.json']!).peer[3]).toEqual({
      url: 'http://ledger-node4-tessera.supply-operator.svc.cluster.local:9000',
    });
  });
});
