// Every user attribute is one Fabric CA registers and chaincode can read back: no `hf.*` name (Fabric CA's own,
// granting CA privileges) and no name outside letters, digits, '.', '_' and '-'. `apply --users` refuses the same
// names (the same function decides), so a spec that validates never fails at the CA for its attributes.
import { attributeProblem } from '../../model/user-attributes.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const userAttributesValid: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    listOf(spec?.users).forEach((user, index) => {
      for (const name of Object.keys(user?.attributes ?? {})) {
        const problem = attributeProblem(name);
        if (!problem) continue;
        ctx.report({
          code: 'NS_USER_ATTRIBUTE_INVALID',
          message: `user '${user.name}' of organization '${org}': ${problem}`,
          hint: /^hf\./i.test(name)
            ? 'remove it: Fabric CA sets hf.* attributes itself, and a registrar granting them hands out CA privileges'
            : 'rename it; chaincode reads attributes by this name',
          at: ['organizations', org, 'users', index, 'attributes', name],
          target: 'key',
        });
      }
    });
  }
};
