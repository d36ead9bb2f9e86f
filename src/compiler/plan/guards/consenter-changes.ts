// Raft consenter changes must happen one at a time: each update adds or removes a single consenter, so the
// cluster reconfigures through states that always keep a quorum (Fabric's own guidance for etcdraft).
import { isBft } from './_bft-config.js';
import { channelAt, consenterKeys, type Guard, updatedChannels } from './guard-context.js';

export const consenterChanges: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    // A switch to BFT has no Raft consenters after it: consensus-migration.ts judges its consenters.
    if (isBft(channel.desiredConfig)) continue;
    const before = new Set(consenterKeys(channel.liveConfig));
    const after = new Set(consenterKeys(channel.desiredConfig));
    const added = [...after].filter((key) => !before.has(key));
    const removed = [...before].filter((key) => !after.has(key));
    if (added.length + removed.length > 1) {
      ctx.report(channel.plan.channel, {
        code: 'NS_GUARD_CONSENTER_CHANGES',
        message: `channel '${channel.plan.channel}' changes ${added.length + removed.length} Raft consenters in one update (${[...added.map((k) => `+${k}`), ...removed.map((k) => `-${k}`)].join(', ')}); change one per update`,
        at: channelAt(channel.plan.channel),
        target: 'key',
      });
    }
  }
};
