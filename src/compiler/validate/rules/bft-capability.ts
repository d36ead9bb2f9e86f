// A BFT channel has the channel capability V3_0: configtxgen and the orderer refuse BFT without it ("orderer type
// BFT must be used with V3_0 channel capability").
import type { Rule } from '../rule-context.js';
import { atLeastV3, bftChannels, channelCapability } from './_bft-channels.js';

export const bftCapability: Rule = (ctx) => {
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    const capability = channelCapability(spec);
    if (atLeastV3(capability)) continue;
    ctx.report({
      code: 'NS_BFT_CAPABILITY',
      message: `channel '${channel}' orders with BFT but has channel capability ${capability}; Fabric requires V3_0 for BFT`,
      hint: 'remove capabilities.channel (BFT channels default to V3_0) or set it to V3_0',
      at: ['channels', channel, 'capabilities', 'channel'],
    });
  }
};
