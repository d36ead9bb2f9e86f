import { describe, it } from 'vitest';
import { chaincodeChannelsResolve } from '../../../../src/compiler/validate/rules/chaincode-channels-resolve.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('chaincodeChannelsResolve', () => {
  it('accepts a defined channel', () => {
    expectDiagnostics(chaincodeChannelsResolve, specYaml(), []);
  });

  it('reports an unknown channel with a did-you-mean', () => {
    const yaml = specYaml((s) => {
      s.chaincodes![0]!.channel = 'trdae';
    });
    expectDiagnostics(chaincodeChannelsResolve, yaml, [
      {
        at: at(yaml, 'channel: ^trdae'),
        code: 'NS_UNKNOWN_CHANNEL',
        message: "chaincode 'basic' names channel 'trdae', but no channel 'trdae' is defined (did you mean 'trade'?)",
      },
    ]);
  });
});
