// No two Quorum networks of a consortium share a chain id. The chain id is in every signed transaction (EIP-155):
// with a shared id, a transaction signed for one network replays on the other, and wallets cannot tell them apart.
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate } from './_spec-walk.js';

export const quorumChainIdsUnique: Rule = (ctx) => {
  const occurrences = entriesOf(ctx.spec.quorum)
    .filter(([, spec]) => spec?.chainId !== undefined)
    .map(([network, spec]) => ({
      key: String(spec.chainId),
      network,
      path: ['quorum', network, 'chainId'],
    }));
  forEachDuplicate(occurrences, (duplicate, first) => {
    ctx.report({
      code: 'NS_QUORUM_CHAIN_ID_CLASH',
      message: `quorum network '${duplicate.network}' uses chain id ${duplicate.key}, already the chain id of '${first.network}'`,
      hint: 'give each network its own chain id: transactions signed for one would replay on the other',
      at: [duplicate.path, first.path],
    });
  });
};
