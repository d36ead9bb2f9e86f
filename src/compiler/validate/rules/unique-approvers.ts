// An organization lists each approver once. Approvals are counted per organization, so a repeat changes
// nothing, but it usually hides a typo'd second reviewer. GitHub names are case-insensitive, so `@Alice`
// and `@alice` are the same person. A warning: nothing breaks on the network.
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf } from './_spec-walk.js';

export const uniqueApprovers: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const occurrences = listOf(spec?.approvers).map((approver, index) => ({
      key: String(approver).toLowerCase(),
      name: String(approver),
      path: ['organizations', org, 'approvers', index],
    }));
    forEachDuplicate(occurrences, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `organization '${org}' lists approver '${duplicate.name}' twice`,
        severity: 'warning',
        at: [duplicate.path, first.path],
      });
    });
  }
};
