// Capabilities only move forward: once nodes run with V2_5 semantics, lowering the level would make peers and
// orderers that already processed blocks under the higher level disagree about validation rules.
import type { ConfigJson } from '../../fabric/index.js';
import { channelAt, type Guard, updatedChannels } from './guard-context.js';

const SCOPES = ['Channel', 'Orderer', 'Application'] as const;

export const capabilityDowngrade: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    for (const scope of SCOPES) {
      const before = highestCapability(channel.liveConfig, scope);
      const after = highestCapability(channel.desiredConfig, scope);
      if (before && after && compareCapability(after, before) < 0) {
        ctx.report(channel.plan.channel, {
          code: 'NS_GUARD_CAPABILITY_DOWNGRADE',
          message: `channel '${channel.plan.channel}' would lower its ${scope} capability from ${before} to ${after}`,
          at: channelAt(channel.plan.channel),
          target: 'key',
        });
      }
    }
  }
};

function highestCapability(config: ConfigJson, scope: (typeof SCOPES)[number]): string | undefined {
  const group = scope === 'Channel' ? config.channel_group : config.channel_group.groups[scope];
  const value = group?.values.Capabilities?.value as { capabilities?: Record<string, unknown> } | undefined;
  return Object.keys(value?.capabilities ?? {})
    .sort(compareCapability)
    .pop();
}

/** V1_4_3 < V2_0 < V2_5: compare the numeric parts in order. */
export function compareCapability(a: string, b: string): number {
  const parts = (text: string) => text.replace(/^V/, '').split('_').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
