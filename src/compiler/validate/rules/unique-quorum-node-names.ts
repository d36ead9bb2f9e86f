// Within a Quorum network, validator and member node names are distinct: each name becomes a node's
// deployment, data volume and static-nodes entry, so two nodes with one name would share (and corrupt) a chain.
import type { Rule } from '../rule-context.js';
import { entriesOf, fieldsInWrittenOrder, forEachDuplicate, listOf } from './_spec-walk.js';

export const uniqueQuorumNodeNames: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    const occurrences = fieldsInWrittenOrder(spec, ['validators', 'members'] as const).flatMap((field) =>
      listOf(spec?.[field]).map((node, index) => ({
        key: String(node?.name),
        path: ['quorum', network, field, index, 'name'],
      })),
    );
    forEachDuplicate(occurrences, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `quorum network '${network}' has two nodes named '${duplicate.key}'`,
        at: [duplicate.path, first.path],
      });
    });
  }
};
