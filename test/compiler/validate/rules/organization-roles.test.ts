import { describe, it } from 'vitest';
import { organizationRoles } from '../../../../src/compiler/validate/rules/organization-roles.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('organizationRoles', () => {
  it('accepts peers in participants and orderers in operators, and both roles together', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.roles = ['operator', 'participant'];
      s.organizations.org1!.orderers = [{ name: 'orderer9' }];
    });
    expectDiagnostics(organizationRoles, yaml, []);
  });

  it('reports an operator running peers and a participant running orderers', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.peers = [{ name: 'peer0' }];
      s.organizations.org2!.orderers = [{ name: 'orderer0' }];
    });
    expectDiagnostics(organizationRoles, yaml, [
      {
        at: at(yaml, '^- operator'),
        code: 'NS_ROLE_MISMATCH',
        message: "organization 'ops' runs peers but does not have the role participant",
      },
      {
        at: at(yaml, '^- participant', 2),
        code: 'NS_ROLE_MISMATCH',
        message: "organization 'org2' runs orderers but does not have the role operator",
      },
    ]);
  });
});
