// SmartBFT's durations and sizes read the way Fabric reads them: a timeout that does not parse would be written
// into the consensus metadata as text the orderer rejects when it loads the channel.
import { parseDurationNanos, parseSize } from '../../model/units.js';
import type { Rule } from '../rule-context.js';
import { bftChannels } from './_bft-channels.js';

const DURATIONS = [
  'requestBatchMaxInterval',
  'requestForwardTimeout',
  'requestComplainTimeout',
  'requestAutoRemoveTimeout',
  'viewChangeResendInterval',
  'viewChangeTimeout',
  'leaderHeartbeatTimeout',
  'collectTimeout',
] as const;
const SIZES = ['requestBatchMaxBytes', 'requestMaxBytes'] as const;

export const bftOptionsValid: Rule = (ctx) => {
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    const options = spec.orderer.smartbft;
    if (!options || typeof options !== 'object') continue;
    const at = (field: string) => ['channels', channel, 'orderer', 'smartbft', field];
    for (const field of DURATIONS) {
      const text = options[field];
      if (text === undefined) continue;
      const nanos = typeof text === 'string' ? parseDurationNanos(text) : undefined;
      if (nanos === undefined || nanos <= 0n) {
        ctx.report({
          code: 'NS_DURATION_INVALID',
          message: `channel '${channel}' smartbft ${field} '${String(text)}' is not a positive duration`,
          hint: "write a number with a unit, as Go reads durations: '200ms', '20s', '3m'",
          at: at(field),
        });
      }
    }
    for (const field of SIZES) {
      const value = options[field];
      if (value !== undefined && parseSize(value) === undefined) {
        ctx.report({
          code: 'NS_SIZE_INVALID',
          message: `channel '${channel}' smartbft ${field} '${String(value)}' is not a size`,
          hint: "write bytes or a number with a unit: '10 MB', '512 KB'",
          at: at(field),
        });
      }
    }
  }
};
