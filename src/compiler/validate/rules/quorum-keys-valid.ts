// Every Quorum node public key is a point on secp256k1. The key is the node's enode id and, hashed, its
// validator address in the genesis extraData: a mistyped key yields an address no node can sign for.
import { publicKeyProblem } from '../../quorum/address.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const quorumKeysValid: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    for (const field of ['validators', 'members'] as const) {
      listOf(spec?.[field]).forEach((node, index) => {
        if (node?.publicKey === undefined) return;
        const problem = publicKeyProblem(String(node.publicKey));
        if (!problem) return;
        ctx.report({
          code: 'NS_QUORUM_INVALID_KEY',
          message: `the public key of quorum node '${network}/${node.name}' is not a secp256k1 public key: ${problem}`,
          hint: 'copy the node public key (64 bytes hex, without 0x04) from the node key file or admin_nodeInfo',
          at: ['quorum', network, field, index, 'publicKey'],
        });
      });
    }
  }
};
