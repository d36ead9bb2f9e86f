// Every policy text parses as Fabric parses it, and a signature policy names only MSPs that can sign where it
// applies: application, chaincode and collection policies -> the channel's member orgs; orderer policies ->
// the channel's orderer orgs; channel policies -> either; an organization's own policies -> its own MSP.
// A principal from outside that set can never be satisfied by a member, so the policy is unsatisfiable or
// weaker than it reads. A collection's member policy must be a signature policy: Fabric has no implicit-meta
// form there.
import { didYouMean } from '../../diagnostics/index.js';
import { parsePolicyExpression, policyPrincipals } from '../../model/policy-expression.js';
import type { NetworkSpec } from '../../model/spec.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

interface PolicySite {
  /** How the message names this policy: "channel 'trade' application policy 'Endorsement'". */
  label: string;
  text: unknown;
  path: DataPath;
  /** Organizations whose MSPs may appear in it, and what they are called in the message. */
  scope: { orgs: readonly string[]; description: string } | undefined;
  signatureOnly?: boolean;
}

export const policiesValid: Rule = (ctx) => {
  for (const site of policySites(ctx.spec)) checkPolicy(ctx, site);
};

function* policySites(spec: NetworkSpec): Generator<PolicySite> {
  for (const [org, definition] of entriesOf(spec.organizations)) {
    for (const [name, text] of entriesOf(definition?.policies)) {
      yield {
        label: `organization '${org}' policy '${name}'`,
        text,
        path: ['organizations', org, 'policies', name],
        scope: { orgs: [org], description: `its own MSP` },
      };
    }
  }
  const channels = spec.channels ?? {};
  for (const [channel, definition] of entriesOf(channels)) {
    const members = listOf(definition?.members).map(String);
    const orderers = listOf(definition?.orderer?.organizations).map(String);
    const scopes = {
      application: { orgs: members, description: `the MSPs of channel '${channel}' members` },
      orderer: { orgs: orderers, description: `the MSPs of channel '${channel}' orderer organizations` },
      channel: {
        orgs: [...new Set([...members, ...orderers])],
        description: `the MSPs of channel '${channel}' members and orderer organizations`,
      },
    } as const;
    for (const group of ['channel', 'orderer', 'application'] as const) {
      for (const [name, text] of entriesOf(definition?.policies?.[group])) {
        yield {
          label: `channel '${channel}' ${group} policy '${name}'`,
          text,
          path: ['channels', channel, 'policies', group, name],
          scope: scopes[group],
        };
      }
    }
  }
  for (const [index, chaincode] of listOf(spec.chaincodes).entries()) {
    const channel = String(chaincode?.channel);
    // An unknown channel is reported by its own rule; without it the scope is unknown, so only syntax is checked.
    const members = Object.hasOwn(channels, channel) ? listOf(channels[channel]?.members).map(String) : undefined;
    const scope = members && { orgs: members, description: `the MSPs of channel '${channel}' members` };
    const base = ['chaincodes', index];
    if (chaincode?.endorsementPolicy !== undefined) {
      yield {
        label: `chaincode '${chaincode.name}' endorsement policy`,
        text: chaincode.endorsementPolicy,
        path: [...base, 'endorsementPolicy'],
        scope,
      };
    }
    for (const [collectionIndex, collection] of listOf(chaincode?.collections).entries()) {
      const label = `chaincode '${chaincode?.name}' collection '${collection?.name}'`;
      const path = [...base, 'collections', collectionIndex];
      yield {
        label: `${label} policy`,
        text: collection?.policy,
        path: [...path, 'policy'],
        scope,
        signatureOnly: true,
      };
      if (collection?.endorsementPolicy !== undefined) {
        yield {
          label: `${label} endorsement policy`,
          text: collection.endorsementPolicy,
          path: [...path, 'endorsementPolicy'],
          scope,
        };
      }
    }
  }
}

function checkPolicy(ctx: RuleContext, site: PolicySite): void {
  if (typeof site.text !== 'string') return; // the schema reports wrong types
  const { value, error } = parsePolicyExpression(site.text);
  if (!value) {
    ctx.report({
      code: 'NS_POLICY_SYNTAX',
      message: `${site.label} does not parse: ${error?.message} (at character ${(error?.offset ?? 0) + 1})`,
      hint: `write 'ANY|ALL|MAJORITY <SubPolicy>' or a signature policy such as OR('Org1MSP.admin', 'Org2MSP.admin')`,
      at: site.path,
    });
    return;
  }
  if (value.kind === 'implicitMeta') {
    if (site.signatureOnly) {
      ctx.report({
        code: 'NS_POLICY_KIND',
        message: `${site.label} is implicit-meta ('${site.text}'), but a collection's member policy must be a signature policy`,
        hint: `list the member MSPs, e.g. OR('Org1MSP.member', 'Org2MSP.member')`,
        at: site.path,
      });
    }
    return;
  }
  if (!site.scope) return;
  const organizations = ctx.spec.organizations ?? {};
  const allowed = new Map<string, string>();
  for (const org of site.scope.orgs) {
    const mspId = Object.hasOwn(organizations, org) ? organizations[org]?.mspId : undefined;
    if (mspId !== undefined) allowed.set(mspId, org);
  }
  const reported = new Set<string>();
  for (const principal of policyPrincipals(value)) {
    if (allowed.has(principal.mspId) || reported.has(principal.mspId)) continue;
    reported.add(principal.mspId);
    const owner = entriesOf(organizations).find(([, definition]) => definition?.mspId === principal.mspId)?.[0];
    const known = owner ? ` (the MSP of organization '${owner}')` : ', which no organization has';
    ctx.report({
      code: 'NS_POLICY_UNKNOWN_MSP',
      message: `${site.label} names MSP '${principal.mspId}'${known}; only ${site.scope.description} can sign here${didYouMean(principal.mspId, allowed.keys())}`,
      hint: `allowed here: ${[...allowed.keys()].join(', ') || 'none'}`,
      at: site.path,
    });
  }
}
