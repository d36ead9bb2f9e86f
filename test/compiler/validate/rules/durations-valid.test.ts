import { describe, it } from 'vitest';
import { durationsValid } from '../../../../src/compiler/validate/rules/durations-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('durationsValid', () => {
  it('accepts Go durations', () => {
    expectDiagnostics(durationsValid, specYaml(), []);
  });

  it('does not crash when no duration is written', () => {
    const yaml = specYaml((s) => {
      delete s.channels!.trade!.orderer.batchTimeout;
      delete s.channels!.trade!.orderer.etcdraft;
      delete s.quorum!.payments!.blockPeriod;
      delete s.quorum!.payments!.requestTimeout;
    });
    expectDiagnostics(durationsValid, yaml, []);
  });

  it('refuses texts Go cannot read, zero, and fractional Quorum seconds', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchTimeout = '2 seconds';
      s.channels!.trade!.orderer.etcdraft!.tickInterval = '0s';
      s.quorum!.payments!.blockPeriod = '1500ms';
      s.quorum!.payments!.requestTimeout = '10';
    });
    expectDiagnostics(durationsValid, yaml, [
      {
        at: at(yaml, '2 seconds'),
        code: 'NS_DURATION_INVALID',
        message: "channel 'trade' batchTimeout '2 seconds' is not a duration",
      },
      { at: at(yaml, 'tickInterval: ^0s'), code: 'NS_DURATION_INVALID', message: /must be longer than zero/ },
      { at: at(yaml, '1500ms'), code: 'NS_DURATION_INVALID', message: /not a whole number of seconds/ },
      { at: at(yaml, 'requestTimeout: ^"10"'), code: 'NS_DURATION_INVALID', message: /'10' is not a duration/ },
    ]);
  });
});
