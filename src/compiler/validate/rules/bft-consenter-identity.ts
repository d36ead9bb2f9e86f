// Every consenter of a BFT channel has a consenter id and an identity (enrollment) certificate, and no two
// share an id. SmartBFT names nodes by id and checks every block's signatures against the identities in the
// consenter set: without them there is no consenter set to write, and a repeated id makes two nodes one.
import type { Rule } from '../rule-context.js';
import { bftChannels } from './_bft-channels.js';
import { forEachDuplicate, listOf, splitNodeRef } from './_spec-walk.js';

export const bftConsenterIdentity: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  for (const [channel, spec] of bftChannels(ctx.spec)) {
    const ids: { key: string; path: (string | number)[] }[] = [];
    listOf(spec.orderer.consenters).forEach((ref, index) => {
      const parts = splitNodeRef(ref);
      if (!parts || !Object.hasOwn(organizations, parts.org)) return; // consentersResolve reports it
      const nodes = listOf(organizations[parts.org]?.orderers);
      const nodeIndex = nodes.findIndex((node) => node?.name === parts.node);
      if (nodeIndex < 0) return;
      const node = nodes[nodeIndex]!;
      const nodePath = ['organizations', parts.org, 'orderers', nodeIndex];
      const missing = [
        node.consenterId === undefined ? 'consenterId' : undefined,
        node.identityCert === undefined ? 'identityCert' : undefined,
      ].filter((field): field is string => field !== undefined);
      if (missing.length > 0) {
        ctx.report({
          code: 'NS_BFT_CONSENTER_IDENTITY',
          message: `channel '${channel}' orders with BFT, but its consenter '${ref}' has no ${missing.join(' and no ')}: BFT consenters are known by id and sign blocks with their enrollment certificate`,
          hint: `set ${missing.join(' and ')} on orderer '${parts.node}' of organization '${parts.org}'`,
          at: [['channels', channel, 'orderer', 'consenters', index], nodePath],
        });
      } else {
        ids.push({ key: String(node.consenterId), path: [...nodePath, 'consenterId'] });
      }
    });
    forEachDuplicate(ids, (duplicate, first) => {
      ctx.report({
        code: 'NS_BFT_CONSENTER_IDENTITY',
        message: `channel '${channel}' has two BFT consenters with consenterId ${duplicate.key}: SmartBFT would take them for one node`,
        at: [duplicate.path, first.path],
      });
    });
  }
};
