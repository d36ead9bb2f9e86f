import { describe, it } from 'vitest';
import { bftValidatorCount } from '../../../../src/compiler/validate/rules/bft-validator-count.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('bftValidatorCount', () => {
  it('accepts four QBFT validators', () => {
    expectDiagnostics(bftValidatorCount, specYaml(), []);
  });

  it('ignores Raft Quorum networks', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.consensus = 'raft';
      s.quorum!.payments!.validators.splice(1);
    });
    expectDiagnostics(bftValidatorCount, yaml, []);
  });

  it('refuses three IBFT validators and shows f', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.consensus = 'ibft';
      s.quorum!.payments!.validators.splice(3);
    });
    expectDiagnostics(bftValidatorCount, yaml, [
      {
        at: at(yaml, '^- name: validator1'),
        code: 'NS_BFT_TOO_FEW_VALIDATORS',
        message:
          "quorum network 'payments' (ibft) has 3 validators: n = 3 tolerates f = floor((n-1)/3) = 0 faulty validators",
      },
    ]);
  });
});
