import { describe, it } from 'vitest';
import { userAttributesValid } from '../../../../src/compiler/validate/rules/user-attributes-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('userAttributesValid', () => {
  it('accepts plain attribute names', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.users = [{ name: 'app', attributes: { department: 'production', 'plant.code': 7 } }];
    });
    expectDiagnostics(userAttributesValid, yaml, []);
  });

  it('reports hf.* names (any case) and malformed names at the attribute key, as apply refuses them', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.users = [
        { name: 'app', attributes: { 'hf.Registrar.Roles': 'client,admin', 'HF.Revoker': true, '1st': 'x' } },
      ];
    });
    expectDiagnostics(userAttributesValid, yaml, [
      {
        at: at(yaml, 'hf.Registrar.Roles'),
        code: 'NS_USER_ATTRIBUTE_INVALID',
        message:
          "user 'app' of organization 'org1': attribute 'hf.Registrar.Roles' is reserved by Fabric CA (hf.* attributes grant CA privileges and are set by the CA)",
      },
      { at: at(yaml, 'HF.Revoker'), code: 'NS_USER_ATTRIBUTE_INVALID', message: /attribute 'HF.Revoker' is reserved/ },
      {
        at: at(yaml, '1st'),
        code: 'NS_USER_ATTRIBUTE_INVALID',
        message: /attribute '1st' is not a valid attribute name/,
      },
    ]);
  });
});
