// Under the channel capability V3_0 every orderer organization publishes its own orderer endpoints: Fabric 3
// refuses global OrdererAddresses ("global orderer endpoints exist, but can not be used with V3_0 capability"),
// so an orderer organization with no orderer leaves peers and clients nothing of it to connect to. netspec
// writes per-organization endpoints only, from each organization's orderers.
import type { Rule } from '../rule-context.js';
import { atLeastV3, channelCapability } from './_bft-channels.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const v3OrdererEndpoints: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    if (!atLeastV3(channelCapability(spec))) continue;
    listOf(spec?.orderer?.organizations).forEach((org, index) => {
      if (!Object.hasOwn(organizations, String(org))) return; // channelOrdererOrganizations reports it
      if (listOf(organizations[String(org)]?.orderers).length > 0) return;
      ctx.report({
        code: 'NS_V3_ORDERER_ENDPOINTS',
        message: `channel '${channel}' (V3_0) lists orderer organization '${org}', which runs no orderer: V3_0 has no global orderer addresses, so '${org}' would publish no endpoint`,
        hint: `add an orderer to organizations.${org}.orderers, or remove '${org}' from the channel's orderer organizations`,
        at: ['channels', channel, 'orderer', 'organizations', index],
      });
    });
  }
};
