// A BFT channel has at least 4 consenters, ideally exactly 3f+1. SmartBFT tolerates f = ⌊(n−1)/3⌋ faulty or
// malicious consenters: with 3 or fewer that is none, so a single misbehaving node can stall or fork the
// channel; and 5 or 6 consenters tolerate no more than 4 do while needing more signatures on every block.
import type { Rule } from '../rule-context.js';
import { bftChannels } from './_bft-channels.js';
import { listOf } from './_spec-walk.js';

export const bftConsenterCount: Rule = (ctx) => {
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    const n = listOf(spec.orderer.consenters).length;
    if (n === 0) continue;
    const f = Math.floor((n - 1) / 3);
    const at = ['channels', channel, 'orderer', 'consenters'];
    if (n < 4) {
      ctx.report({
        code: 'NS_BFT_TOO_FEW_CONSENTERS',
        message: `channel '${channel}' has ${n} BFT consenter${n === 1 ? '' : 's'}: BFT tolerates f faulty consenters out of 3f+1, so ${n} tolerate none and one faulty or malicious node can stop the channel`,
        hint: 'use 4 consenters (f = 1) or 7 (f = 2)',
        at,
      });
    } else if (n !== 3 * f + 1) {
      ctx.report({
        code: 'NS_BFT_CONSENTER_COUNT',
        message: `channel '${channel}' has ${n} BFT consenters: they tolerate ${f} faulty consenter${f === 1 ? '' : 's'}, as ${3 * f + 1} would, while every block needs more signatures`,
        hint: `use ${3 * f + 1} or ${3 * (f + 1) + 1} consenters`,
        severity: 'warning',
        at,
      });
    }
  }
};
