// Removing an organization from a channel while a chaincode's endorsement policy still names its MSP leaves a
// policy that can never (or no longer) be satisfied: transactions of that chaincode would stop validating.
import { parsePolicyExpression, policyMspIds } from '../../model/policy-expression.js';
import { type Guard, subGroupNames, updatedChannels } from './guard-context.js';

export const orgNeededByChaincode: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    const after = new Set(subGroupNames(channel.desiredConfig, 'Application'));
    const removed = subGroupNames(channel.liveConfig, 'Application').filter((msp) => !after.has(msp));
    if (removed.length === 0) continue;
    ctx.model.chaincodes.forEach((chaincode, index) => {
      if (chaincode.channel !== name || !chaincode.endorsementPolicy) return;
      const parsed = parsePolicyExpression(chaincode.endorsementPolicy);
      const named = parsed.value ? policyMspIds(parsed.value) : [];
      for (const msp of removed.filter((id) => named.includes(id))) {
        ctx.report(name, {
          code: 'NS_GUARD_ORG_NEEDED_BY_CHAINCODE',
          message: `channel '${name}' removes ${msp}, but chaincode '${chaincode.name}' still names it in its endorsement policy`,
          at: ['chaincodes', index, 'endorsementPolicy'],
        });
      }
    });
  }
};
