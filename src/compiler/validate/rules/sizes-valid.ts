// Every size parses the way configtxgen reads it (`10 MB` = 10 * 1024 * 1024 bytes) and fits the uint32 the
// config holds. A block size limit of zero makes the orderer refuse the config, so absoluteMaxBytes is positive.
import { parseSize } from '../../model/units.js';
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const sizesValid: Rule = (ctx) => {
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const orderer = spec?.orderer;
    const base = ['channels', channel, 'orderer'];
    const sizes = [
      { value: orderer?.batchSize?.absoluteMaxBytes, path: [...base, 'batchSize', 'absoluteMaxBytes'], positive: true },
      {
        value: orderer?.batchSize?.preferredMaxBytes,
        path: [...base, 'batchSize', 'preferredMaxBytes'],
        positive: false,
      },
      {
        value: orderer?.etcdraft?.snapshotIntervalSize,
        path: [...base, 'etcdraft', 'snapshotIntervalSize'],
        positive: false,
      },
    ];
    for (const { value, path, positive } of sizes) {
      if (value === undefined) continue;
      const label = `channel '${channel}' ${path.slice(3).join('.')}`;
      const bytes = parseSize(value);
      if (bytes === undefined) {
        ctx.report({
          code: 'NS_SIZE_INVALID',
          message: `${label} '${String(value)}' is not a size of at most 4 GB - 1 byte`,
          hint: "write whole bytes or a whole number with a unit: '98304', '512 KB', '10 MB' (B, KB, MB, GB; 1 KB = 1024 bytes)",
          at: path,
        });
      } else if (positive && bytes === 0) {
        ctx.report({ code: 'NS_SIZE_INVALID', message: `${label} must be larger than zero`, at: path });
      }
    }
  }
};
