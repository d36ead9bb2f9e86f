// An organization's roles match the nodes it runs: peers need the participant role, orderers the operator
// role. Roles decide which config groups an org's MSP is placed in; an org running orderers without the
// operator role would have nodes that no channel's orderer group trusts.
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const organizationRoles: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const roles = listOf(spec?.roles);
    if (listOf(spec?.peers).length > 0 && !roles.includes('participant')) {
      ctx.report({
        code: 'NS_ROLE_MISMATCH',
        message: `organization '${org}' runs peers but does not have the role participant`,
        hint: `add participant to organizations.${org}.roles, or move its peers to a participant organization`,
        at: [
          ['organizations', org, 'roles'],
          ['organizations', org, 'peers'],
        ],
      });
    }
    if (listOf(spec?.orderers).length > 0 && !roles.includes('operator')) {
      ctx.report({
        code: 'NS_ROLE_MISMATCH',
        message: `organization '${org}' runs orderers but does not have the role operator`,
        hint: `add operator to organizations.${org}.roles, or move its orderers to an operator organization`,
        at: [
          ['organizations', org, 'roles'],
          ['organizations', org, 'orderers'],
        ],
      });
    }
  }
};
