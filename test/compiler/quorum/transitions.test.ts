// Besu QBFT validator selection by contract and transitions, in the genesis netspec writes. The expected JSON is
// written out by hand from Besu's documentation (private-networks/how-to/configure/consensus/qbft.md, "Contract
// validator selection" and "Transitions") and the key names in Besu's config classes (JsonQbftConfigOptions,
// BftFork, QbftFork), not computed by the code under test.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { QuorumNetworkModel } from '../../../src/compiler/model/network-model.js';
import { buildGenesis } from '../../../src/compiler/quorum/index.js';
import { validatorSelectionAt } from '../../../src/compiler/quorum/transitions.js';
import { writeQuorumSpec } from './_quorum-spec.js';

const CONTRACT = '0x0000000000000000000000000000000000007777';
// The runtime code and two storage slots of Besu's example (abridged: the bytes are carried, not interpreted).
const CODE = '0x608060405234801561001057600080fd5b50';
const SLOT0 = '0000000000000000000000000000000000000000000000000000000000000000';
const SLOT0_VALUE = '0000000000000000000000000000000000000000000000000000000000000002';

function payments(edit: (yaml: string) => string): QuorumNetworkModel {
  const loaded = loadSpec(writeQuorumSpec(edit));
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return loaded.value.model.quorum.find((network) => network.name === 'payments')!;
}

const withContract = (yaml: string) =>
  yaml.replace(
    '    alloc:\n',
    `    validatorContractAddress: "${CONTRACT}"\n    alloc:\n      "${CONTRACT}":\n        code: "${CODE}"\n        storage:\n          "${SLOT0}": "${SLOT0_VALUE}"\n`,
  );

const withTransitions = (yaml: string) =>
  yaml.replace(
    '    validators:\n      - { name: validator1',
    `    transitions:
      - block: 120
        validatorSelectionMode: contract
        validatorContractAddress: "0x00000000000000000000000000000000000077AA"
      - block: 40
        blockPeriod: 1s
      - block: 300
        validatorSelectionMode: blockheader
        validators: [validator1, validator2, validator3, member1]
    validators:
      - { name: validator1`,
  );

describe('contract validator selection from genesis', () => {
  const genesis = buildGenesis(payments(withContract)) as {
    config: { qbft: Record<string, unknown> };
    extraData: string;
    alloc: Record<string, unknown>;
  };

  it('names the contract in config.qbft, as Besu’s example genesis does', () => {
    expect(genesis.config.qbft).toEqual({
      blockperiodseconds: 2,
      epochlength: 30000,
      requesttimeoutseconds: 10,
      validatorcontractaddress: CONTRACT,
    });
  });

  it('lists no validator in the extraData: the byte string of Besu’s contract example', () => {
    expect(genesis.extraData).toBe('0xe5a00000000000000000000000000000000000000000000000000000000000000000c0c080c0');
  });

  it('deploys the contract in alloc with its code and storage beside the funded account', () => {
    expect(genesis.alloc).toEqual({
      '0000000000000000000000000000000000007777': { balance: '0', code: CODE, storage: { [SLOT0]: SLOT0_VALUE } },
      '7e5f4552091a69125d5dfcb7b8c2659029395bdf': { balance: '1000000000000000000' },
    });
  });
});

describe('transitions', () => {
  const network = payments(withTransitions);

  it('are written to config.transitions.qbft in block order, with Besu’s keys and the validators’ addresses', () => {
    const genesis = buildGenesis(network) as { config: Record<string, unknown> };
    expect(genesis.config.transitions).toEqual({
      qbft: [
        { block: 40, blockperiodseconds: 1 },
        {
          block: 120,
          validatorselectionmode: 'contract',
          validatorcontractaddress: '0x00000000000000000000000000000000000077aa',
        },
        {
          block: 300,
          validatorselectionmode: 'blockheader',
          // keccak-256 of the public keys of test keys 1, 2, 3 and 5 (the well-known addresses of private keys 1..5)
          validators: [
            '0x7e5f4552091a69125d5dfcb7b8c2659029395bdf',
            '0x2b5ad5c4795c026514f8317c7a215e218dccd6cf',
            '0x6813eb9362372eef6200f3b1dbc3f819671cba69',
            '0xe1ab8145f7e55dc933d51a18c793f901a3a0b276',
          ],
        },
      ],
    });
    // The genesis settings stay as they were: a transition overrides them from its block on.
    expect((genesis.config.qbft as Record<string, unknown>).blockperiodseconds).toBe(2);
  });

  it('give the selection mode in effect at each block', () => {
    expect(validatorSelectionAt(network, 119)).toEqual({ mode: 'blockheader' });
    expect(validatorSelectionAt(network, 120)).toEqual({
      mode: 'contract',
      address: '0x00000000000000000000000000000000000077aa',
    });
    expect(validatorSelectionAt(network, 300)).toEqual({ mode: 'blockheader' });
  });

  it('leave a spec without them byte-identical to before (no transitions key)', () => {
    const genesis = buildGenesis(payments((yaml) => yaml)) as { config: Record<string, unknown> };
    expect(Object.keys(genesis.config).sort()).toEqual(['berlinBlock', 'chainId', 'qbft']);
  });
});
