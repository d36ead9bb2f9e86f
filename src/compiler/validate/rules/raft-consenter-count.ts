// A Raft channel has an odd number of consenters, at least three. Raft needs a majority to order blocks:
// one consenter tolerates no failure, and an even count tolerates no more failures than one node fewer
// (two consenters halt when either stops) while making every election slower.
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const raftConsenterCount: Rule = (ctx) => {
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    if (spec?.orderer?.type !== undefined && spec.orderer.type !== 'etcdraft') continue;
    const count = listOf(spec?.orderer?.consenters).length;
    const at = ['channels', channel, 'orderer', 'consenters'];
    if (count === 1) {
      ctx.report({
        code: 'NS_RAFT_SINGLE_CONSENTER',
        message: `channel '${channel}' has a single Raft consenter: if it stops, the channel stops ordering`,
        hint: 'use three or five consenters for a network others depend on',
        severity: 'warning',
        at,
      });
    } else if (count > 0 && count % 2 === 0) {
      const tolerated = Math.floor((count - 1) / 2);
      ctx.report({
        code: 'NS_RAFT_EVEN_CONSENTERS',
        message: `channel '${channel}' has ${count} Raft consenters: it needs ${count / 2 + 1} to agree and tolerates ${tolerated} failure${tolerated === 1 ? '' : 's'}, no more than ${count - 1} would`,
        hint: `use ${count - 1} or ${count + 1} consenters; while migrating, name NS_RAFT_EVEN_CONSENTERS in allow`,
        at,
      });
    }
  }
};
