import { describe, it } from 'vitest';
import { uniqueUserNames } from '../../../../src/compiler/validate/rules/unique-user-names.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueUserNames', () => {
  it('accepts distinct users', () => {
    expectDiagnostics(uniqueUserNames, specYaml(), []);
  });

  it('reports a repeated user name in one organization', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.users = [{ name: 'app' }, { name: 'app', type: 'admin' }];
    });
    expectDiagnostics(uniqueUserNames, yaml, [
      {
        at: at(yaml, 'name: ^app', 2),
        code: 'NS_DUPLICATE_NAME',
        message: "organization 'org1' defines user 'app' twice",
        related: [at(yaml, 'name: ^app', 1)],
      },
    ]);
  });
});
