// Each Raft consenter `org/node` is an orderer of one of the channel's orderer organizations, listed once.
// Consenters are written into the channel config with their TLS certificates: a reference to a node that
// does not exist, or to an orderer outside the channel's ordering orgs, yields a cluster that cannot elect.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf, splitNodeRef } from './_spec-walk.js';

export const consentersResolve: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const ordererOrgs = listOf(spec?.orderer?.organizations).map(String);
    const candidates = ordererOrgs.flatMap((org) =>
      Object.hasOwn(organizations, org)
        ? listOf(organizations[org]?.orderers).map((node) => `${org}/${node?.name}`)
        : [],
    );
    const consenters = listOf(spec?.orderer?.consenters).map((ref, index) => ({
      key: String(ref),
      path: ['channels', channel, 'orderer', 'consenters', index],
    }));
    for (const { key: ref, path } of consenters) {
      const parts = splitNodeRef(ref);
      if (!parts) {
        ctx.report({
          code: 'NS_UNKNOWN_NODE',
          message: `channel '${channel}' lists consenter '${ref}', which is not of the form <organization>/<orderer>${didYouMean(ref, candidates)}`,
          at: path,
        });
      } else if (!ordererOrgs.includes(parts.org)) {
        ctx.report({
          code: 'NS_UNKNOWN_NODE',
          message: `channel '${channel}' lists consenter '${ref}', but '${parts.org}' is not one of its orderer organizations (${ordererOrgs.join(', ') || 'none'})${didYouMean(ref, candidates)}`,
          at: path,
        });
      } else if (!candidates.includes(ref)) {
        ctx.report({
          code: 'NS_UNKNOWN_NODE',
          message: `channel '${channel}' lists consenter '${ref}', but organization '${parts.org}' has no orderer '${parts.node}'${didYouMean(ref, candidates)}`,
          at: path,
        });
      }
    }
    forEachDuplicate(consenters, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `channel '${channel}' lists consenter '${duplicate.key}' twice`,
        at: [duplicate.path, first.path],
      });
    });
  }
};
