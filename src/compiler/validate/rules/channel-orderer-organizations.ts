// A channel's orderer organizations are defined organizations with the operator role. They make up the
// channel's orderer group and sign its consensus changes; a participant-only org there would be asked to run
// or govern ordering it never signed up for.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf } from './_spec-walk.js';

export const channelOrdererOrganizations: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  const names = Object.keys(organizations);
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const listed = listOf(spec?.orderer?.organizations).map((org, index) => ({
      key: String(org),
      path: ['channels', channel, 'orderer', 'organizations', index],
    }));
    for (const { key: org, path } of listed) {
      const definition = Object.hasOwn(organizations, org) ? organizations[org] : undefined;
      if (!definition) {
        ctx.report({
          code: 'NS_UNKNOWN_ORG',
          message: `channel '${channel}' lists orderer organization '${org}', but no organization '${org}' is defined${didYouMean(org, names)}`,
          at: path,
        });
      } else if (!listOf(definition.roles).includes('operator')) {
        ctx.report({
          code: 'NS_ROLE_MISMATCH',
          message: `channel '${channel}' lists '${org}' as an orderer organization, but '${org}' does not have the role operator`,
          hint: `add operator to organizations.${org}.roles, or list an operator organization here`,
          at: [path, ['organizations', org, 'roles']],
        });
      }
    }
    forEachDuplicate(listed, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `channel '${channel}' lists orderer organization '${duplicate.key}' twice`,
        at: [duplicate.path, first.path],
      });
    });
  }
};
