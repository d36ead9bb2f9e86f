// A channel must keep at least one orderer organization (or no one can order blocks or change its config)
// and at least one application organization (or no one holds admin rights over the application side).
import { channelAt, type Guard, subGroupNames, updatedChannels } from './guard-context.js';

export const lastOrganizations: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    const checks = [
      { group: 'Orderer' as const, code: 'NS_GUARD_LAST_ORDERER_ORG' as const, what: 'orderer organization' },
      { group: 'Application' as const, code: 'NS_GUARD_LAST_ADMIN_ORG' as const, what: 'application organization' },
    ];
    for (const { group, code, what } of checks) {
      const before = subGroupNames(channel.liveConfig, group);
      const after = subGroupNames(channel.desiredConfig, group);
      if (before.length > 0 && after.length === 0) {
        ctx.report(name, {
          code,
          message: `channel '${name}' would lose its last ${what} (${before.join(', ')})`,
          at: channelAt(name),
          target: 'key',
        });
      }
    }
  }
};
