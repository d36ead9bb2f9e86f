// A QBFT transition takes effect at its block: once the chain has made that block, the transition is history.
// Every block after it was made and validated under it, so adding, changing or removing a transition at or below
// the live block would make the nodes that restart with the new genesis reject the chain they already hold
// (Besu replays the schedule from the genesis file), and split the network from the nodes that do not restart.
import type { Guard } from './guard-context.js';

export const quorumTransitionsPassed: Guard = (ctx) => {
  for (const plan of ctx.quorum) {
    if (!plan.transitions) continue;
    const network = ctx.model.quorum.find((candidate) => candidate.name === plan.network);
    const { liveBlock } = plan.transitions;
    for (const change of plan.transitions.changes) {
      if (change.block > liveBlock) continue;
      const inSpec = network?.transitions.find((transition) => transition.block === change.block);
      const what = change.change === 'add' ? 'adds' : change.change === 'change' ? 'changes' : 'removes';
      ctx.report(plan.network, {
        code: 'NS_GUARD_QUORUM_TRANSITION_PASSED',
        message: `Quorum network '${plan.network}' ${what} the transition at block ${change.block}, but the chain is at block ${liveBlock}: a transition at a block already made cannot change`,
        hint:
          change.change === 'remove'
            ? 'put the transition back as the live genesis has it'
            : `give the transition a block after ${liveBlock}, far enough ahead for every node to restart with the new genesis first`,
        at: inSpec ? ['quorum', plan.network, 'transitions', inSpec.specIndex, 'block'] : ['quorum', plan.network],
        target: inSpec ? 'value' : 'key',
      });
    }
  }
};
