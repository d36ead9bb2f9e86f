// Every Quorum validator and member node belongs to a defined organization. The organization decides who
// runs the node and whose reviewers approve adding or removing it as a validator.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const quorumOrganizationsResolve: Rule = (ctx) => {
  const organizations = Object.keys(ctx.spec.organizations ?? {});
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    for (const field of ['validators', 'members'] as const) {
      listOf(spec?.[field]).forEach((node, index) => {
        const org = String(node?.organization);
        if (organizations.includes(org)) return;
        ctx.report({
          code: 'NS_UNKNOWN_ORG',
          message: `quorum network '${network}' lists node '${node?.name}' of organization '${org}', but no organization '${org}' is defined${didYouMean(org, organizations)}`,
          at: ['quorum', network, field, index, 'organization'],
        });
      });
    }
  }
};
