// A BFT channel changes one consenter per update: one added, removed, or with new host, port or certificates.
// SmartBFT reconfigures with the quorum of the old set; changing two at once can leave fewer than the 2f+1
// honest, reachable consenters the new set needs, and a stale certificate on a second node stalls it.
import { isDeepStrictEqual } from 'node:util';
import { consenterMapping, isBft } from './_bft-config.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const bftConsenterChanges: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    // A switch from Raft keeps its consenters, which consensus-migration.ts checks against the Raft ones.
    if (!isBft(channel.desiredConfig) || !isBft(channel.liveConfig)) continue;
    const before = new Map(consenterMapping(channel.liveConfig).map((c) => [c.id, c]));
    const after = new Map(consenterMapping(channel.desiredConfig).map((c) => [c.id, c]));
    const changes = [
      ...[...after.keys()].filter((id) => !before.has(id)).map((id) => `+${id} (${after.get(id)!.host})`),
      ...[...before.keys()].filter((id) => !after.has(id)).map((id) => `-${id} (${before.get(id)!.host})`),
      ...[...after.keys()]
        .filter((id) => before.has(id) && !isDeepStrictEqual(before.get(id), after.get(id)))
        .map((id) => `~${id} (${after.get(id)!.host})`),
    ];
    if (changes.length <= 1) continue;
    const name = channel.plan.channel;
    ctx.report(name, {
      code: 'NS_GUARD_BFT_CONSENTER_CHANGES',
      message: `channel '${name}' changes ${changes.length} BFT consenters in one update (${changes.join(', ')}); SmartBFT reconfigures safely one consenter at a time`,
      hint: 'change one consenter per plan',
      at: ['channels', name, 'orderer', 'consenters'],
    });
  }
};
