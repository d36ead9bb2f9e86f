import { describe, it } from 'vitest';
import { sizesValid } from '../../../../src/compiler/validate/rules/sizes-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('sizesValid', () => {
  it('accepts sizes with units and plain byte counts', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchSize!.preferredMaxBytes = 98304;
    });
    expectDiagnostics(sizesValid, yaml, []);
  });

  it('refuses unknown units, fractions, overflow and a zero absolute limit', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchSize = { absoluteMaxBytes: 0, preferredMaxBytes: '1.5 MB' };
      s.channels!.trade!.orderer.etcdraft!.snapshotIntervalSize = '5 GB';
    });
    expectDiagnostics(sizesValid, yaml, [
      {
        at: at(yaml, 'absoluteMaxBytes: ^0'),
        code: 'NS_SIZE_INVALID',
        message: /absoluteMaxBytes must be larger than zero/,
      },
      {
        at: at(yaml, '1.5 MB'),
        code: 'NS_SIZE_INVALID',
        message: "channel 'trade' batchSize.preferredMaxBytes '1.5 MB' is not a size of at most 4 GB - 1 byte",
      },
      { at: at(yaml, '5 GB'), code: 'NS_SIZE_INVALID', message: /etcdraft.snapshotIntervalSize '5 GB'/ },
    ]);
  });
});
