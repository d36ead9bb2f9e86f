// No public key is listed twice in a Quorum network, across validators and members. The key is the node's
// identity: a repeated key means one node counted twice as a validator (a fake vote in BFT) or two nodes
// fighting over one enode id.
import type { Rule } from '../rule-context.js';
import { normalizePublicKey } from './_quorum-keys.js';
import { entriesOf, fieldsInWrittenOrder, forEachDuplicate, listOf } from './_spec-walk.js';

export const quorumKeysUnique: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    const occurrences = fieldsInWrittenOrder(spec, ['validators', 'members'] as const).flatMap((field) =>
      listOf(spec?.[field]).map((node, index) => ({
        key: normalizePublicKey(node?.publicKey),
        name: String(node?.name),
        path: ['quorum', network, field, index, 'publicKey'],
      })),
    );
    forEachDuplicate(occurrences, (duplicate, first) => {
      ctx.report({
        code: 'NS_QUORUM_DUPLICATE_VALIDATOR',
        message: `quorum node '${network}/${duplicate.name}' has the same public key as '${network}/${first.name}'`,
        hint: 'each node needs its own key pair',
        at: [duplicate.path, first.path],
      });
    });
  }
};
