// A BFT channel does not turn SmartBFT leader rotation on: Fabric 3's orderer refuses such a config ("leader
// rotation must be turned off for this version or be unspecified", orderer/consensus/smartbft/configverifier.go),
// so a genesis block with it never starts and an update with it is rejected after every org has signed.
import type { Rule } from '../rule-context.js';
import { bftChannels } from './_bft-channels.js';

export const bftLeaderRotation: Rule = (ctx) => {
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    if (spec.orderer.smartbft?.leaderRotation !== 'on') continue;
    ctx.report({
      code: 'NS_BFT_LEADER_ROTATION',
      message: `channel '${channel}' turns SmartBFT leader rotation on, which Fabric 3 orderers refuse: the channel config would be rejected`,
      hint: 'remove leaderRotation or set it to off',
      at: ['channels', channel, 'orderer', 'smartbft', 'leaderRotation'],
    });
  }
};
