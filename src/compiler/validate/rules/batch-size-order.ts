// preferredMaxBytes is not larger than absoluteMaxBytes. The orderer refuses a config where the preferred
// block size exceeds the hard limit, so such an update would be rejected at submit time.
import { parseSize } from '../../model/units.js';
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

/** Fabric's defaults (configtxgen's sample profile), used when only one of the two is written. */
export const DEFAULT_ABSOLUTE_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_PREFERRED_MAX_BYTES = 2 * 1024 * 1024;

export const batchSizeOrder: Rule = (ctx) => {
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const batchSize = spec?.orderer?.batchSize;
    if (!batchSize || (batchSize.absoluteMaxBytes === undefined && batchSize.preferredMaxBytes === undefined)) continue;
    const absolute =
      batchSize.absoluteMaxBytes === undefined ? DEFAULT_ABSOLUTE_MAX_BYTES : parseSize(batchSize.absoluteMaxBytes);
    const preferred =
      batchSize.preferredMaxBytes === undefined ? DEFAULT_PREFERRED_MAX_BYTES : parseSize(batchSize.preferredMaxBytes);
    // Unparseable sizes are reported by sizes-valid.
    if (absolute === undefined || preferred === undefined || preferred <= absolute) continue;
    const base = ['channels', channel, 'orderer', 'batchSize'];
    const written = (key: 'absoluteMaxBytes' | 'preferredMaxBytes', bytes: number): string =>
      batchSize[key] === undefined ? `the default ${bytes} bytes` : `'${batchSize[key]}' (${bytes} bytes)`;
    ctx.report({
      code: 'NS_BATCH_SIZE_ORDER',
      message: `channel '${channel}' preferredMaxBytes ${written('preferredMaxBytes', preferred)} exceeds absoluteMaxBytes ${written('absoluteMaxBytes', absolute)}`,
      hint: 'the orderer rejects a preferred block size above the absolute limit',
      at:
        batchSize.preferredMaxBytes === undefined
          ? [[...base, 'absoluteMaxBytes']]
          : [
              [...base, 'preferredMaxBytes'],
              ...(batchSize.absoluteMaxBytes === undefined ? [] : [[...base, 'absoluteMaxBytes']]),
            ],
    });
  }
};
