// Every chaincode is deployed on a defined channel. The definition is approved and committed on that
// channel by its members: a channel that is not in the spec has no members to approve it.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { listOf } from './_spec-walk.js';

export const chaincodeChannelsResolve: Rule = (ctx) => {
  const channels = Object.keys(ctx.spec.channels ?? {});
  listOf(ctx.spec.chaincodes).forEach((chaincode, index) => {
    const channel = String(chaincode?.channel);
    if (channels.includes(channel)) return;
    ctx.report({
      code: 'NS_UNKNOWN_CHANNEL',
      message: `chaincode '${chaincode?.name}' names channel '${channel}', but no channel '${channel}' is defined${didYouMean(channel, channels)}`,
      at: ['chaincodes', index, 'channel'],
    });
  });
};
