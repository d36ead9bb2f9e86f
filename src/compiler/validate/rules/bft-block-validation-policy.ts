// A BFT channel's /Channel/Orderer/BlockValidation policy is not written by hand. Fabric derives it from the
// consenter set (a quorum of the consenters' identities, common/policies/bft.go) and the orderer refuses any
// config whose policy differs (orderer/consensus/smartbft/configverifier.go); netspec always writes the derived
// one, so a policy in the spec would be silently replaced.
import type { Rule } from '../rule-context.js';
import { bftChannels } from './_bft-channels.js';

export const bftBlockValidationPolicy: Rule = (ctx) => {
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    const policies = spec.policies?.orderer;
    if (!policies || !Object.hasOwn(policies, 'BlockValidation')) continue;
    ctx.report({
      code: 'NS_BFT_BLOCK_VALIDATION_POLICY',
      message: `channel '${channel}' orders with BFT, whose BlockValidation policy Fabric derives from the consenter set; the orderer refuses any other`,
      hint: 'remove policies.orderer.BlockValidation: netspec writes the derived policy',
      at: ['channels', channel, 'policies', 'orderer', 'BlockValidation'],
      target: 'key',
    });
  }
};
