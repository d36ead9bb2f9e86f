// An ImplicitMeta policy over a group with no sub-groups has threshold 0 in Fabric: it is satisfied by no
// signature at all, so anyone could change what it guards.
import type { ConfigJson } from '../../fabric/index.js';
import { channelAt, type Guard, walkGroups } from './guard-context.js';

export const implicitMetaEmpty: Guard = (ctx) => {
  for (const channel of ctx.channels) {
    if (channel.plan.action === 'noop') continue;
    for (const path of emptyImplicitMetaPolicies(channel.desiredConfig)) {
      ctx.report(channel.plan.channel, {
        code: 'NS_GUARD_IMPLICIT_META_EMPTY',
        message: `policy ${path} on channel '${channel.plan.channel}' is ImplicitMeta over no organizations: Fabric's threshold is 0, so it is always satisfied`,
        at: channelAt(channel.plan.channel),
        target: 'key',
      });
    }
  }
};

export function emptyImplicitMetaPolicies(config: ConfigJson): string[] {
  const found: string[] = [];
  walkGroups(config.channel_group, ['Channel'], (group, path) => {
    if (Object.keys(group.groups ?? {}).length > 0) return;
    for (const [name, policy] of Object.entries(group.policies ?? {})) {
      if (policy.policy?.type === 3) found.push(`/${[...path, name].join('/')}`);
    }
  });
  return found;
}
