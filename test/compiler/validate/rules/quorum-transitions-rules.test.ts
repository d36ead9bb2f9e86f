// Validator contracts and transitions are Besu QBFT's, and each mistake Besu would refuse at start is refused at
// the line that makes it.
import { describe, it } from 'vitest';
import type { QuorumTransitionSpec } from '../../../../src/compiler/model/spec.js';
import { quorumTransitionsValid } from '../../../../src/compiler/validate/rules/quorum-transitions-valid.js';
import { quorumValidatorContract } from '../../../../src/compiler/validate/rules/quorum-validator-contract.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

const CONTRACT = '0x0000000000000000000000000000000000007777';

function withTransitions(transitions: QuorumTransitionSpec[], client: 'besu' | 'goquorum' = 'besu'): string {
  return specYaml((s) => {
    s.quorum!.payments!.client = client;
    s.quorum!.payments!.transitions = transitions;
  });
}

describe('quorumTransitionsValid', () => {
  it('accepts block period and selection-mode changes Besu can start with', () => {
    const yaml = withTransitions([
      { block: 100, blockPeriod: '1s' },
      { block: 200, validatorSelectionMode: 'contract', validatorContractAddress: CONTRACT },
      { block: 300, validatorSelectionMode: 'blockheader', validators: ['validator1', 'member1'] },
    ]);
    expectDiagnostics(quorumTransitionsValid, yaml, []);
  });

  it('refuses two transitions at one block, at the second, pointing at the first too', () => {
    const yaml = withTransitions([
      { block: 100, blockPeriod: '1s' },
      { block: 100, blockPeriod: '3s' },
    ]);
    expectDiagnostics(quorumTransitionsValid, yaml, [
      {
        at: at(yaml, 'block: ^100', 2),
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: /two transitions at block 100/,
        related: [at(yaml, 'block: ^100', 1)],
      },
    ]);
  });

  it('refuses a mode without what it needs, and settings that need a mode', () => {
    const yaml = withTransitions([
      { block: 10, validatorSelectionMode: 'contract' },
      { block: 20, validatorSelectionMode: 'blockheader' },
      { block: 30, validatorContractAddress: CONTRACT },
      { block: 40, validators: ['validator1'] },
    ]);
    expectDiagnostics(quorumTransitionsValid, yaml, [
      {
        at: at(yaml, '^validatorSelectionMode: contract'),
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: /needs validatorContractAddress/,
      },
      {
        at: at(yaml, '^validatorSelectionMode: blockheader'),
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: /needs the validators/,
      },
      {
        at: at(yaml, '^validatorContractAddress'),
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: /only with validatorSelectionMode: contract/,
      },
      {
        at: at(yaml, '^validators:\n', 2),
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: /only with validatorSelectionMode: blockheader/,
      },
    ]);
  });

  it('refuses a validator that is no node of the network, at its name', () => {
    const yaml = withTransitions([
      { block: 50, validatorSelectionMode: 'blockheader', validators: ['validator1', 'validator9'] },
    ]);
    expectDiagnostics(quorumTransitionsValid, yaml, [
      { at: at(yaml, '- ^validator9'), code: 'NS_QUORUM_TRANSITION_INVALID', message: /'validator9' is not a node/ },
    ]);
  });

  it('refuses transitions outside Besu QBFT, at the transitions key', () => {
    const yaml = withTransitions([{ block: 100, blockPeriod: '1s' }], 'goquorum');
    expectDiagnostics(quorumTransitionsValid, yaml, [
      { at: at(yaml, '^transitions:'), code: 'NS_QUORUM_BESU_QBFT_ONLY', message: /goquorum qbft/ },
    ]);
  });
});

describe('quorumValidatorContract', () => {
  it('accepts a contract deployed in alloc', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.validatorContractAddress = CONTRACT;
      s.quorum!.payments!.alloc = { [CONTRACT]: { code: '0x6080', storage: {} } };
    });
    expectDiagnostics(quorumValidatorContract, yaml, []);
  });

  it('refuses contract selection from genesis without the contract’s code in alloc', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.validatorContractAddress = CONTRACT;
      s.quorum!.payments!.alloc = { [CONTRACT]: '1000' };
    });
    expectDiagnostics(quorumValidatorContract, yaml, [
      {
        at: at(yaml, `validatorContractAddress: ^"${CONTRACT}"`),
        code: 'NS_QUORUM_VALIDATOR_CONTRACT_MISSING',
        message: /alloc deploys no code there: the chain would start with no validator/,
      },
    ]);
  });

  it('refuses it under IBFT 2.0, which has no contract selection', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.consensus = 'ibft';
      s.quorum!.payments!.validatorContractAddress = CONTRACT;
    });
    expectDiagnostics(quorumValidatorContract, yaml, [
      { at: at(yaml, `validatorContractAddress: ^"${CONTRACT}"`), code: 'NS_QUORUM_BESU_QBFT_ONLY' },
    ]);
  });
});
