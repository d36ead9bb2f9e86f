// Within an organization, user names are distinct. A user name is the enrollment id registered with the
// org's CA; registering the same id twice fails, and two specs of one user would silently disagree.
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf } from './_spec-walk.js';

export const uniqueUserNames: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const occurrences = listOf(spec?.users).map((user, index) => ({
      key: String(user?.name),
      path: ['organizations', org, 'users', index, 'name'],
    }));
    forEachDuplicate(occurrences, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `organization '${org}' defines user '${duplicate.key}' twice`,
        hint: 'a user name is its enrollment id at the CA and must be unique within the organization',
        at: [duplicate.path, first.path],
      });
    });
  }
};
