// BFT validator sets change by vote, one validator per tally. A plan must not ask for several changes at once,
// must not leave fewer than 4 validators, and must not pass through a set with f = floor((n-1)/3) = 0, where a
// single stopped validator halts the chain.
import type { Guard } from './guard-context.js';

export const quorumValidatorChanges: Guard = (ctx) => {
  for (const network of ctx.quorum) {
    const steps = network.votes?.steps ?? [];
    if (steps.length === 0) continue;
    const at = ['quorum', network.network];
    if (steps.length > 1) {
      ctx.report(network.network, {
        code: 'NS_GUARD_QUORUM_MULTIPLE_CHANGES',
        message: `Quorum network '${network.network}' changes ${steps.length} validators in one plan; change one per plan`,
        at,
        target: 'key',
      });
    }
    const final = steps[steps.length - 1]!.after;
    if (final.n < 4) {
      ctx.report(network.network, {
        code: 'NS_GUARD_QUORUM_TOO_FEW_VALIDATORS',
        message: `Quorum network '${network.network}' would have ${final.n} validators; BFT needs at least 4 (3f+1 with f >= 1)`,
        at,
        target: 'key',
      });
    }
    const weak = steps.find((step) => step.after.f === 0);
    if (weak) {
      ctx.report(network.network, {
        code: 'NS_GUARD_QUORUM_NO_FAULT_TOLERANCE',
        message: `Quorum network '${network.network}' passes through ${weak.after.n} validators (f = 0) when it ${weak.action}s ${weak.address}: one stopped validator halts the chain`,
        at,
        target: 'key',
      });
    }
  }
};
