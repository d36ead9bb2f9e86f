// Each anchor peer `org/peer` of a channel is a peer of one of that channel's member organizations.
// Anchor peers are published in the member's channel config so other orgs' peers can gossip with it:
// an anchor that does not exist, or belongs to a non-member, breaks cross-org discovery and private data.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf, splitNodeRef } from './_spec-walk.js';

export const anchorPeersResolve: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const members = listOf(spec?.members).map(String);
    const candidates = members.flatMap((org) =>
      Object.hasOwn(organizations, org) ? listOf(organizations[org]?.peers).map((peer) => `${org}/${peer?.name}`) : [],
    );
    listOf(spec?.anchorPeers).forEach((value, index) => {
      const ref = String(value);
      const path = ['channels', channel, 'anchorPeers', index];
      const parts = splitNodeRef(ref);
      let problem: string | undefined;
      if (!parts) problem = 'which is not of the form <organization>/<peer>';
      else if (!members.includes(parts.org)) problem = `but '${parts.org}' is not a member of the channel`;
      else if (!candidates.includes(ref)) problem = `but organization '${parts.org}' has no peer '${parts.node}'`;
      if (problem) {
        ctx.report({
          code: 'NS_UNKNOWN_NODE',
          message: `channel '${channel}' lists anchor peer '${ref}', ${problem}${didYouMean(ref, candidates)}`,
          at: path,
        });
      }
    });
  }
};
