// Connection settings name real things: each identity key is a defined organization, each endpoint key an
// `org/node` that is one of that org's peers or orderers, or a `<quorum network>/<node>`. CI signs and connects
// with these; a key that names nothing is an identity or endpoint that is silently never used.
import { didYouMean } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf, splitNodeRef } from './_spec-walk.js';

export const connectionRefsResolve: Rule = (ctx) => {
  const organizations = ctx.spec.organizations ?? {};
  const orgNames = Object.keys(organizations);
  const nodes = [
    ...entriesOf(organizations).flatMap(([org, spec]) =>
      [...listOf(spec?.peers), ...listOf(spec?.orderers)].map((node) => `${org}/${node?.name}`),
    ),
    // A Quorum node's JSON-RPC endpoint is keyed `<quorum network>/<node>` (votes are cast through it).
    ...entriesOf(ctx.spec.quorum).flatMap(([network, spec]) =>
      [...listOf(spec?.validators), ...listOf(spec?.members)].map((node) => `${network}/${node?.name}`),
    ),
  ];
  for (const [org] of entriesOf(ctx.spec.connection?.identities)) {
    if (orgNames.includes(org)) continue;
    ctx.report({
      code: 'NS_UNKNOWN_ORG',
      message: `connection identity '${org}' names no defined organization${didYouMean(org, orgNames)}`,
      at: ['connection', 'identities', org],
      target: 'key',
    });
  }
  for (const [ref] of entriesOf(ctx.spec.connection?.endpoints)) {
    if (nodes.includes(ref)) continue;
    const parts = splitNodeRef(ref);
    const problem = !parts
      ? 'is not of the form <organization>/<node>'
      : !orgNames.includes(parts.org)
        ? `names organization '${parts.org}', which is not defined`
        : `names no peer or orderer of organization '${parts.org}'`;
    ctx.report({
      code: 'NS_UNKNOWN_NODE',
      message: `connection endpoint '${ref}' ${problem}${didYouMean(ref, nodes)}`,
      at: ['connection', 'endpoints', ref],
      target: 'key',
    });
  }
};
