// Within an organization, peers and orderers have distinct names. A node's name becomes its host
// (`<name>.<domain>`), its Kubernetes resources and its certificate subject: two nodes with one name
// would overwrite each other's deployment and identity.
import type { Rule } from '../rule-context.js';
import { entriesOf, fieldsInWrittenOrder, forEachDuplicate, listOf } from './_spec-walk.js';

export const uniqueNodeNames: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const occurrences = fieldsInWrittenOrder(spec, ['peers', 'orderers'] as const).flatMap((field) =>
      listOf(spec?.[field]).map((node, index) => ({
        key: String(node?.name),
        kind: field === 'peers' ? 'a peer' : 'an orderer',
        path: ['organizations', org, field, index, 'name'],
      })),
    );
    forEachDuplicate(occurrences, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `organization '${org}' has two nodes named '${duplicate.key}' (${first.kind} and ${duplicate.kind})`,
        hint: 'node names within an organization must differ: they become host names and Kubernetes resources',
        at: [duplicate.path, first.path],
      });
    });
  }
};
