// A policy path in a channel config -> who concretely must sign, by Fabric's rules:
// ImplicitMeta: of the sub-groups' policies of that name, ANY = 1, ALL = n, MAJORITY = floor(n/2) + 1 (n = 0 gives
// threshold 0: satisfied by nobody at all); signature policies: n out of their principals, each signature counting
// for at most one principal.
import {
  type ConfigGroupJson,
  groupAt,
  ROOT_GROUP,
  type SignatureRuleJson,
} from '../compiler/fabric/config/config-json.js';
import type { Requirement, SignatureRequirement } from './requirement.js';

export function implicitMetaThreshold(rule: 'ANY' | 'ALL' | 'MAJORITY', count: number): number {
  if (rule === 'ANY') return count === 0 ? 0 : 1;
  if (rule === 'ALL') return count;
  return count === 0 ? 0 : Math.floor(count / 2) + 1;
}

/**
 * Resolves an absolute policy path (`/Channel/Application/Admins`) against the config's root group.
 * A path that names no policy resolves to `missing`: Fabric rejects such an update, and the plan says so.
 */
export function resolvePolicy(root: ConfigGroupJson, path: string): Requirement {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== ROOT_GROUP || parts.length < 2) return { kind: 'missing', path };
  const groupNames = parts.slice(1, -1);
  const policyName = parts[parts.length - 1]!;
  const group = groupAt(root, groupNames);
  const policy = group?.policies?.[policyName]?.policy;
  if (!group || !policy) return { kind: 'missing', path };
  if (policy.type === 3) {
    const meta = policy.value as { rule: 'ANY' | 'ALL' | 'MAJORITY'; sub_policy: string };
    const of = Object.keys(group.groups ?? {})
      .sort()
      .map((child) => resolvePolicy(root, `/${[ROOT_GROUP, ...groupNames, child, meta.sub_policy].join('/')}`));
    return {
      kind: 'implicitMeta',
      path,
      rule: meta.rule,
      subPolicy: meta.sub_policy,
      threshold: implicitMetaThreshold(meta.rule, of.length),
      of,
    };
  }
  if (policy.type === 1) {
    const envelope = policy.value as {
      rule: SignatureRuleJson;
      identities: { principal: { msp_identifier?: string; role?: string } | null }[];
    };
    const toRequirement = (rule: SignatureRuleJson): SignatureRequirement => {
      if ('signed_by' in rule) {
        const principal = envelope.identities[rule.signed_by]?.principal;
        return {
          kind: 'signedBy',
          principal: { mspId: principal?.msp_identifier ?? '?', role: principal?.role ?? 'MEMBER' },
        };
      }
      return { kind: 'nOutOf', n: rule.n_out_of.n, rules: rule.n_out_of.rules.map(toRequirement) };
    };
    return { kind: 'signature', path, rule: toRequirement(envelope.rule) };
  }
  return { kind: 'missing', path };
}

/** The absolute path of the policy a mod_policy names, for an item whose containing group is at `groupPath`. */
export function modPolicyPath(groupPath: readonly string[], modPolicy: string): string {
  if (modPolicy.startsWith('/')) return modPolicy;
  return `/${[...groupPath, modPolicy].join('/')}`;
}
