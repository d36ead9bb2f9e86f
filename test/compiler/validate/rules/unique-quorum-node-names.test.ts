import { describe, it } from 'vitest';
import { uniqueQuorumNodeNames } from '../../../../src/compiler/validate/rules/unique-quorum-node-names.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueQuorumNodeNames', () => {
  it('accepts distinct node names', () => {
    expectDiagnostics(uniqueQuorumNodeNames, specYaml(), []);
  });

  it('reports a member named like a validator', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.members![0]!.name = 'validator2';
    });
    expectDiagnostics(uniqueQuorumNodeNames, yaml, [
      {
        at: at(yaml, 'name: ^validator2', 2),
        code: 'NS_DUPLICATE_NAME',
        message: "quorum network 'payments' has two nodes named 'validator2'",
        related: [at(yaml, 'name: ^validator2', 1)],
      },
    ]);
  });
});
