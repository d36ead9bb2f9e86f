// A Quorum network on GoQuorum is warned about: GoQuorum has reached end of life and gets no security fixes.
// Besu is the maintained client, and QBFT, the one consensus both implement, is the way a running network moves
// from one to the other (validators switch client one at a time on the same chain).
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const goquorumEndOfLife: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    if (spec?.client !== 'goquorum') continue;
    ctx.report({
      code: 'NS_GOQUORUM_END_OF_LIFE',
      message: `quorum network '${network}' runs GoQuorum, which has reached end of life: it gets no more security fixes`,
      hint:
        (spec.consensus ?? 'qbft') === 'qbft'
          ? 'move the validators to Besu (client: besu) one at a time: both clients run QBFT on the same chain'
          : 'move to QBFT first, the consensus GoQuorum and Besu share, then the validators to Besu (client: besu)',
      severity: 'warning',
      at: ['quorum', network, 'client'],
    });
  }
};
