import { describe, expect, it } from 'vitest';
import { uniqueMspIds } from '../../../../src/compiler/validate/rules/unique-msp-ids.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueMspIds', () => {
  it('accepts distinct MSP ids', () => {
    expectDiagnostics(uniqueMspIds, specYaml(), []);
  });

  it('reports the second use, with the first as related location', () => {
    const yaml = specYaml((s) => {
      s.organizations.org2!.mspId = 'Org1MSP';
    });
    expectDiagnostics(uniqueMspIds, yaml, [
      {
        at: at(yaml, 'mspId: ^Org1MSP', 2),
        code: 'NS_DUPLICATE_MSP_ID',
        message: "organization 'org2' uses MSP id 'Org1MSP', already used by organization 'org1'",
        related: [at(yaml, 'mspId: ^Org1MSP')],
      },
    ]);
  });

  it('points at literal positions in a hand-written spec', () => {
    const yaml = ['organizations:', '  a:', '    mspId: SameMSP', '  b:', '    mspId: SameMSP', ''].join('\n');
    expectDiagnostics(uniqueMspIds, yaml, [{ at: '5:12', code: 'NS_DUPLICATE_MSP_ID', related: ['3:12'] }]);
  });

  it('does not crash on a spec without organizations', () => {
    expect(() => expectDiagnostics(uniqueMspIds, 'name: x\n', [])).not.toThrow();
  });
});
