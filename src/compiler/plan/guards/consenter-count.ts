// After a consenter change a Raft cluster needs at least 3 members (to survive one failure), an odd count
// (an even count tolerates no more failures than one fewer), and a majority of the old members still present:
// the old cluster must commit the change with its own quorum.
import { isBft } from './_bft-config.js';
import { channelAt, consenterKeys, type Guard, updatedChannels } from './guard-context.js';

export const consenterCount: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    // A switch to BFT has no Raft consenters after it: consensus-migration.ts judges its consenters.
    if (isBft(channel.desiredConfig)) continue;
    const before = consenterKeys(channel.liveConfig);
    const after = consenterKeys(channel.desiredConfig);
    const changed = before.length !== after.length || before.some((key) => !after.includes(key));
    if (!changed) continue;
    const name = channel.plan.channel;
    const at = channelAt(name);
    if (after.length < 3) {
      ctx.report(name, {
        code: 'NS_GUARD_CONSENTERS_TOO_FEW',
        message: `channel '${name}' would have ${after.length} Raft consenter${after.length === 1 ? '' : 's'}; fewer than 3 tolerates no failure`,
        at,
        target: 'key',
      });
    } else if (after.length % 2 === 0) {
      ctx.report(name, {
        code: 'NS_GUARD_CONSENTERS_EVEN',
        message: `channel '${name}' would have ${after.length} Raft consenters; an even count tolerates no more failures than ${after.length - 1}`,
        at,
        target: 'key',
      });
    }
    const kept = before.filter((key) => after.includes(key)).length;
    const quorum = Math.floor(before.length / 2) + 1;
    if (kept < quorum) {
      ctx.report(name, {
        code: 'NS_GUARD_CONSENTER_QUORUM',
        message: `channel '${name}' keeps ${kept} of its ${before.length} current consenters; the cluster needs ${quorum} of them to commit the change`,
        at,
        target: 'key',
      });
    }
  }
};
