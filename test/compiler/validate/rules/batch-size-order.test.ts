import { describe, it } from 'vitest';
import { batchSizeOrder } from '../../../../src/compiler/validate/rules/batch-size-order.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('batchSizeOrder', () => {
  it('accepts preferred below absolute', () => {
    expectDiagnostics(batchSizeOrder, specYaml(), []);
  });

  it('compares bytes, not texts: 2048 KB equals 2 MB', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchSize = { absoluteMaxBytes: '2 MB', preferredMaxBytes: '2048 KB' };
    });
    expectDiagnostics(batchSizeOrder, yaml, []);
  });

  it('reports preferred above absolute, with both places', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchSize = { absoluteMaxBytes: '1 MB', preferredMaxBytes: '1025 KB' };
    });
    expectDiagnostics(batchSizeOrder, yaml, [
      {
        at: at(yaml, '1025 KB'),
        code: 'NS_BATCH_SIZE_ORDER',
        message:
          "channel 'trade' preferredMaxBytes '1025 KB' (1049600 bytes) exceeds absoluteMaxBytes '1 MB' (1048576 bytes)",
        related: [at(yaml, '1 MB')],
      },
    ]);
  });

  it('compares against the default when only one is written', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.batchSize = { absoluteMaxBytes: '1 MB' };
    });
    expectDiagnostics(batchSizeOrder, yaml, [
      {
        at: at(yaml, '1 MB'),
        code: 'NS_BATCH_SIZE_ORDER',
        message: /preferredMaxBytes the default 2097152 bytes exceeds/,
      },
    ]);
  });
});
