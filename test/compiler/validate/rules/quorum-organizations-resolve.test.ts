import { describe, it } from 'vitest';
import { quorumOrganizationsResolve } from '../../../../src/compiler/validate/rules/quorum-organizations-resolve.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('quorumOrganizationsResolve', () => {
  it('accepts defined organizations', () => {
    expectDiagnostics(quorumOrganizationsResolve, specYaml(), []);
  });

  it('reports validators and members of undefined organizations', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.validators[2]!.organization = 'org3';
      s.quorum!.payments!.members![0]!.organization = 'bank';
    });
    expectDiagnostics(quorumOrganizationsResolve, yaml, [
      {
        at: at(yaml, 'organization: ^org3'),
        code: 'NS_UNKNOWN_ORG',
        message: /node 'validator3' of organization 'org3'.*\(did you mean 'org1'\?\)/,
      },
      { at: at(yaml, 'organization: ^bank'), code: 'NS_UNKNOWN_ORG' },
    ]);
  });
});
