// A QBFT or IBFT network has at least four validators. Byzantine agreement with n validators tolerates
// f = floor((n - 1) / 3) faulty ones: below four that is zero, so a single stopped validator halts the chain.
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

const BFT_CONSENSUS = new Set(['qbft', 'ibft']);
const MIN_BFT_VALIDATORS = 4;

export const bftValidatorCount: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    if (!spec || !BFT_CONSENSUS.has(spec.consensus ?? 'qbft')) continue;
    const n = listOf(spec.validators).length;
    if (n >= MIN_BFT_VALIDATORS) continue;
    const f = Math.max(0, Math.floor((n - 1) / 3));
    ctx.report({
      code: 'NS_BFT_TOO_FEW_VALIDATORS',
      message: `quorum network '${network}' (${spec.consensus ?? 'qbft'}) has ${n} validator${n === 1 ? '' : 's'}: n = ${n} tolerates f = floor((n-1)/3) = ${f} faulty validators`,
      hint: 'run at least 4 validators to tolerate one fault (3f + 1 validators tolerate f)',
      at: ['quorum', network, 'validators'],
    });
  }
};
