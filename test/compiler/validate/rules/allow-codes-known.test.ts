import { describe, it } from 'vitest';
import { allowCodesKnown } from '../../../../src/compiler/validate/rules/allow-codes-known.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('allowCodesKnown', () => {
  it('accepts known codes, as strings or entries', () => {
    const yaml = specYaml((s) => {
      s.allow = ['NS_RAFT_EVEN_CONSENTERS', { code: 'NS_BFT_TOO_FEW_VALIDATORS', reason: 'test net' }];
    });
    expectDiagnostics(allowCodesKnown, yaml, []);
  });

  it('reports unknown codes with a did-you-mean', () => {
    const yaml = specYaml((s) => {
      s.allow = ['NS_RAFT_EVEN_CONSENTER', { code: 'NS_NOTHING_LIKE_IT' }];
    });
    expectDiagnostics(allowCodesKnown, yaml, [
      {
        at: at(yaml, '- ^NS_RAFT_EVEN_CONSENTER'),
        code: 'NS_UNKNOWN_ALLOW_CODE',
        message:
          "allow names 'NS_RAFT_EVEN_CONSENTER', which is not a netspec code (did you mean 'NS_RAFT_EVEN_CONSENTERS'?)",
      },
      {
        at: at(yaml, 'code: ^NS_NOTHING_LIKE_IT'),
        code: 'NS_UNKNOWN_ALLOW_CODE',
        message: /^allow names 'NS_NOTHING_LIKE_IT', which is not a netspec code$/,
      },
    ]);
  });
});
