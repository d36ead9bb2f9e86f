import { describe, it } from 'vitest';
import { uniqueApprovers } from '../../../../src/compiler/validate/rules/unique-approvers.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueApprovers', () => {
  it('accepts distinct approvers', () => {
    expectDiagnostics(uniqueApprovers, specYaml(), []);
  });

  it('warns about the same GitHub user twice, ignoring case', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.approvers = ['@alice', '@bob', '@Alice'];
    });
    expectDiagnostics(uniqueApprovers, yaml, [
      // The scalar is quoted in YAML (an @ cannot start a plain scalar): the range starts at the quote.
      { at: at(yaml, '"@Alice'), severity: 'warning', code: 'NS_DUPLICATE_NAME', related: [at(yaml, '"@alice')] },
    ]);
  });
});
