import { describe, it } from 'vitest';
import { quorumKeysUnique } from '../../../../src/compiler/validate/rules/quorum-keys-unique.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml, testPublicKey } from './_base-spec.js';

describe('quorumKeysUnique', () => {
  it('accepts distinct keys', () => {
    expectDiagnostics(quorumKeysUnique, specYaml(), []);
  });

  it('reports a member reusing a validator key, regardless of case and 0x', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.members![0]!.publicKey = `0x${testPublicKey(3).toUpperCase()}`;
    });
    expectDiagnostics(quorumKeysUnique, yaml, [
      {
        at: at(yaml, 'publicKey: ^"0x'),
        code: 'NS_QUORUM_DUPLICATE_VALIDATOR',
        message: "quorum node 'payments/member1' has the same public key as 'payments/validator3'",
        related: [at(yaml, testPublicKey(3))],
      },
    ]);
  });
});
