// Every organization has its own MSP id. Fabric identifies an org by MSP id in every signature and policy:
// two orgs sharing one would let either sign as the other, and configtxgen refuses the channel outright.
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate } from './_spec-walk.js';

export const uniqueMspIds: Rule = (ctx) => {
  const occurrences = entriesOf(ctx.spec.organizations).map(([org, spec]) => ({
    key: String(spec?.mspId),
    org,
    path: ['organizations', org, 'mspId'],
  }));
  forEachDuplicate(occurrences, (duplicate, first) => {
    ctx.report({
      code: 'NS_DUPLICATE_MSP_ID',
      message: `organization '${duplicate.org}' uses MSP id '${duplicate.key}', already used by organization '${first.org}'`,
      hint: 'each organization needs its own MSP id; Fabric tells members apart by it',
      at: [duplicate.path, first.path],
    });
  });
};
