// The channel capability V3_0 (and so BFT) only once every peer and orderer runs Fabric 3: a 2.x node that meets
// a capability it does not know stops processing the channel. The spec's fabricVersion says what the nodes run;
// a consortium upgrading in steps can name NS_V3_NODE_VERSION in `allow` once it has checked every node itself.
import type { Rule } from '../rule-context.js';
import { atLeastV3, channelCapability } from './_bft-channels.js';
import { entriesOf } from './_spec-walk.js';

export const v3NodeVersion: Rule = (ctx) => {
  const version = ctx.spec.fabricVersion ?? '2.5';
  if (version.startsWith('3.')) return;
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const capability = channelCapability(spec);
    if (!atLeastV3(capability)) continue;
    const written = spec?.capabilities?.channel !== undefined;
    ctx.report({
      code: 'NS_V3_NODE_VERSION',
      message: `channel '${channel}' has channel capability ${capability}${written ? '' : ' (BFT ordering)'}, but the spec says the nodes run Fabric ${version}: a 2.x peer or orderer stops processing a channel with a capability it does not know`,
      hint: 'upgrade every peer and orderer to Fabric 3, then set fabricVersion: "3.1"',
      at: [
        written ? ['channels', channel, 'capabilities', 'channel'] : ['channels', channel, 'orderer', 'type'],
        ...(ctx.spec.fabricVersion !== undefined ? [['fabricVersion']] : []),
      ],
    });
  }
};
