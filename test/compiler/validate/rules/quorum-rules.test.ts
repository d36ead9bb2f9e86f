// The Quorum semantic rules: chain id clash, client/consensus, and the existing key, owner and count rules as they
// meet the Quorum CLI's bad-input cases (positions asserted as line:col of the offending value).
import { describe, expect, it } from 'vitest';
import { bftValidatorCount } from '../../../../src/compiler/validate/rules/bft-validator-count.js';
import { connectionRefsResolve } from '../../../../src/compiler/validate/rules/connection-refs-resolve.js';
import { quorumChainIdsUnique } from '../../../../src/compiler/validate/rules/quorum-chain-ids-unique.js';
import { quorumConsensusClient } from '../../../../src/compiler/validate/rules/quorum-consensus-client.js';
import { quorumOrganizationsResolve } from '../../../../src/compiler/validate/rules/quorum-organizations-resolve.js';
import { SPECIFIED_RULES } from '../../../../src/compiler/validate/rules/specified-rules.js';
import { at, expectDiagnostics, where } from '../../../helpers/expect-diagnostics.js';
import { baseSpec, specYaml, testPublicKey } from './_base-spec.js';

/** line:col of the value written right after `prefix` (its first occurrence). */
function valueAfter(yaml: string, prefix: string): string {
  return where(yaml, yaml.indexOf(prefix) + prefix.length);
}

function withSecondNetwork(chainId: number) {
  return specYaml((spec) => {
    spec.quorum!.settlement = { ...structuredClone(spec.quorum!.payments!), chainId };
    spec.quorum!.settlement.validators = [6, 7, 8, 9].map((seed) => ({
      name: `v${seed}`,
      organization: 'org1',
      publicKey: testPublicKey(seed),
    }));
    spec.quorum!.settlement.members = [];
  });
}

describe('quorumChainIdsUnique', () => {
  it('reports the second network with the chain id, pointing at both', () => {
    const yaml = withSecondNetwork(1337);
    expectDiagnostics(quorumChainIdsUnique, yaml, [
      {
        at: at(yaml, '1337', 2),
        code: 'NS_QUORUM_CHAIN_ID_CLASH',
        message: "quorum network 'settlement' uses chain id 1337, already the chain id of 'payments'",
        related: [at(yaml, '1337', 1)],
      },
    ]);
  });

  it('accepts distinct chain ids', () => {
    expectDiagnostics(quorumChainIdsUnique, withSecondNetwork(1338), []);
  });

  it('is one of the specified rules', () => {
    expect(SPECIFIED_RULES).toContain(quorumChainIdsUnique);
    expect(SPECIFIED_RULES).toContain(quorumConsensusClient);
  });
});

describe('quorumConsensusClient', () => {
  it('refuses Raft on Besu at the consensus value', () => {
    const yaml = specYaml((spec) => {
      spec.quorum!.payments!.consensus = 'raft';
    });
    expectDiagnostics(quorumConsensusClient, yaml, [
      `${valueAfter(yaml, 'consensus: ')} error NS_QUORUM_CONSENSUS_CLIENT`,
    ]);
  });

  it('accepts Raft on GoQuorum and QBFT on Besu', () => {
    expectDiagnostics(quorumConsensusClient, specYaml(), []);
    const yaml = specYaml((spec) => {
      spec.quorum!.payments!.client = 'goquorum';
      spec.quorum!.payments!.consensus = 'raft';
    });
    expectDiagnostics(quorumConsensusClient, yaml, []);
  });
});

describe('Quorum references', () => {
  it('accepts connection endpoints keyed <quorum network>/<node>', () => {
    const yaml = specYaml((spec) => {
      spec.connection!.endpoints!['payments/validator1'] = { url: 'https://rpc.example.com' };
    });
    expectDiagnostics(connectionRefsResolve, yaml, []);
  });

  it('still reports an endpoint naming no Quorum node', () => {
    const yaml = specYaml((spec) => {
      spec.connection!.endpoints!['payments/validator9'] = { url: 'https://rpc.example.com' };
    });
    expectDiagnostics(connectionRefsResolve, yaml, [`${at(yaml, 'payments/validator9')} error NS_UNKNOWN_NODE`]);
  });

  it('reports a validator owned by an unknown organization at its organization value', () => {
    const yaml = specYaml((spec) => {
      spec.quorum!.payments!.validators[2]!.organization = 'org3';
    });
    expectDiagnostics(quorumOrganizationsResolve, yaml, [`${at(yaml, 'org3')} error NS_UNKNOWN_ORG`]);
  });

  it('reports fewer than four BFT validators', () => {
    const yaml = specYaml((spec) => {
      spec.quorum!.payments!.validators = baseSpec().quorum!.payments!.validators.slice(0, 3);
    });
    expectDiagnostics(bftValidatorCount, yaml, [`${at(yaml, '- name: validator1')} error NS_BFT_TOO_FEW_VALIDATORS`]);
  });
});
