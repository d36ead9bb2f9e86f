import { describe, it } from 'vitest';
import { uniqueChaincodes } from '../../../../src/compiler/validate/rules/unique-chaincodes.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueChaincodes', () => {
  it('accepts one definition per channel, and the same name on another channel', () => {
    const yaml = specYaml((s) => {
      s.chaincodes!.push({ name: 'basic', channel: 'other', version: '1', sequence: 1 });
    });
    expectDiagnostics(uniqueChaincodes, yaml, []);
  });

  it('reports a chaincode defined twice on one channel', () => {
    const yaml = specYaml((s) => {
      s.chaincodes!.push({ name: 'basic', channel: 'trade', version: '2', sequence: 2 });
    });
    expectDiagnostics(uniqueChaincodes, yaml, [
      {
        at: at(yaml, 'name: ^basic', 2),
        code: 'NS_DUPLICATE_CHAINCODE',
        message: "chaincode 'basic' is defined twice on channel 'trade'",
        related: [at(yaml, 'name: ^basic', 1)],
      },
    ]);
  });

  it('reports a repeated collection name', () => {
    const yaml = specYaml((s) => {
      s.chaincodes![0]!.collections!.push({ name: 'private', policy: "OR('Org2MSP.member')" });
    });
    expectDiagnostics(uniqueChaincodes, yaml, [{ at: at(yaml, 'name: ^private', 2), code: 'NS_DUPLICATE_NAME' }]);
  });
});
