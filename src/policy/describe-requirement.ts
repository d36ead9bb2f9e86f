// Requirements in words, for reviewers: "/Channel/Application/Admins: MAJORITY of {Org1MSP, Org2MSP, Org3MSP}
// admins -> 2 of 3". Nested ImplicitMeta policies are flattened to the organizations they finally name.
import type { Principal, Requirement, SignatureRequirement } from './requirement.js';

export function describeRequirement(requirement: Requirement): string {
  return `${requirement.path}: ${describeBody(requirement)}`;
}

function describeBody(requirement: Requirement): string {
  switch (requirement.kind) {
    case 'missing':
      return 'no such policy (Fabric rejects the update)';
    case 'signature':
      return describeSignature(requirement.rule);
    case 'implicitMeta': {
      const count = requirement.of.length;
      if (count === 0)
        return `${requirement.rule} ${requirement.subPolicy} over no organizations -> satisfied by anyone (threshold 0)`;
      const orgs = requirement.of.map(orgNameOf);
      const role = requirement.subPolicy.toLowerCase();
      return `${requirement.rule} of {${orgs.join(', ')}} ${role} -> ${requirement.threshold} of ${count}`;
    }
  }
}

/** The group an implicit-meta branch stands for: the second-to-last path segment (`/Channel/Application/Org1MSP/Admins`). */
function orgNameOf(requirement: Requirement): string {
  const parts = requirement.path.split('/');
  return parts[parts.length - 2] ?? requirement.path;
}

export function describeSignature(rule: SignatureRequirement): string {
  if (rule.kind === 'signedBy') return `${rule.principal.mspId} ${rule.principal.role.toLowerCase()}`;
  if (rule.rules.length === 1) return describeSignature(rule.rules[0]!);
  const inner = rule.rules.map(describeSignature);
  if (rule.n === 1) return `any of {${inner.join(', ')}}`;
  if (rule.n === rule.rules.length) return `all of {${inner.join(', ')}}`;
  return `${rule.n} of {${inner.join(', ')}}`;
}

/** The MSP ids whose signatures can count towards a requirement. */
export function requirementMspIds(requirement: Requirement): string[] {
  return [...new Set(requirementPrincipals(requirement).map((principal) => principal.mspId))].sort();
}

/** Every principal a requirement names, in policy order (repeats kept): whose signature it could count. */
export function requirementPrincipals(requirement: Requirement): Principal[] {
  const fromRule = (rule: SignatureRequirement): Principal[] =>
    rule.kind === 'signedBy' ? [rule.principal] : rule.rules.flatMap(fromRule);
  if (requirement.kind === 'signature') return fromRule(requirement.rule);
  if (requirement.kind === 'implicitMeta') return requirement.of.flatMap(requirementPrincipals);
  return [];
}
