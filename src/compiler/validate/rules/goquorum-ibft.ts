// `consensus: ibft` under GoQuorum is refused unless allowed: GoQuorum's `ibft` is IBFT 1.0 (istanbul), which has
// known liveness and safety flaws and is not the IBFT 2.0 that Besu's `ibft` means, so the same spec word would
// describe two incompatible protocols and the network could never move to Besu. QBFT is the replacement.
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const goquorumIbft: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    if (spec?.client !== 'goquorum' || spec.consensus !== 'ibft') continue;
    ctx.report({
      code: 'NS_GOQUORUM_IBFT',
      message: `quorum network '${network}' runs ibft under GoQuorum, which is IBFT 1.0 (istanbul), not the IBFT 2.0 Besu runs: it has known safety and liveness flaws and no path to Besu`,
      hint: 'use consensus: qbft; an existing IBFT 1.0 chain that must keep running can name NS_GOQUORUM_IBFT in allow',
      at: ['quorum', network, 'consensus'],
    });
  }
};
