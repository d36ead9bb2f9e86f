// A BFT channel's /Channel/Orderer/BlockValidation policy is the one Fabric derives from its consenter set, in
// every update: Fabric 3's orderer recomputes it from the proposed `Orderers` value and rejects the update unless
// the proposed policy is proto-equal (orderer/consensus/smartbft/configverifier.go, checkConsentersMatchPolicy).
// A consenter or certificate change that leaves the policy stale would be rejected only after every org signed;
// worse, peers would keep accepting blocks signed by a removed consenter.
import { isDeepStrictEqual } from 'node:util';
import { bftBlockValidationPolicyJson, bftQuorum } from '../../fabric/config/bft-block-validation.js';
import { consenterMapping, isBft } from './_bft-config.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const bftBlockValidation: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    if (!isBft(channel.desiredConfig)) continue;
    const mapping = consenterMapping(channel.desiredConfig);
    const expected = bftBlockValidationPolicyJson(mapping);
    const actual = channel.desiredConfig.channel_group.groups.Orderer?.policies?.BlockValidation?.policy;
    if (isDeepStrictEqual(actual, expected)) continue;
    const name = channel.plan.channel;
    ctx.report(name, {
      code: 'NS_GUARD_BFT_BLOCK_VALIDATION',
      message: `channel '${name}' would have a BlockValidation policy that is not the one Fabric derives from its ${mapping.length} consenters (${bftQuorum(mapping.length)} of their identities); the orderer rejects such an update`,
      hint: 'recompute BlockValidation from the consenter set in the same update (netspec plan does when it builds the config)',
      at: ['channels', name, 'orderer', 'consenters'],
    });
  }
};
