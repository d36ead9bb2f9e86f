// A Quorum network's consensus is one its client implements: Raft exists only in GoQuorum. Besu would refuse the
// genesis file at start, after the consortium has already distributed it.
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const quorumConsensusClient: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    if ((spec?.client ?? 'besu') !== 'besu' || spec?.consensus !== 'raft') continue;
    ctx.report({
      code: 'NS_QUORUM_CONSENSUS_CLIENT',
      message: `quorum network '${network}' runs Besu with Raft consensus, which Besu does not implement`,
      hint: 'use qbft (recommended) with Besu, or client: goquorum for Raft',
      at: ['quorum', network, 'consensus'],
    });
  }
};
