// Every channel member is a defined organization, listed once. A channel's application group is built from
// its members' MSPs; a name with no organization behind it has no MSP to put there.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf } from './_spec-walk.js';

export const channelMembersExist: Rule = (ctx) => {
  const organizations = Object.keys(ctx.spec.organizations ?? {});
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const members = listOf(spec?.members).map((member, index) => ({
      key: String(member),
      path: ['channels', channel, 'members', index],
    }));
    for (const member of members) {
      if (organizations.includes(member.key)) continue;
      ctx.report({
        code: 'NS_UNKNOWN_ORG',
        message: `channel '${channel}' lists member '${member.key}', but no organization '${member.key}' is defined${didYouMean(member.key, organizations)}`,
        at: member.path,
      });
    }
    forEachDuplicate(members, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `channel '${channel}' lists member '${duplicate.key}' twice`,
        at: [duplicate.path, first.path],
      });
    });
  }
};
