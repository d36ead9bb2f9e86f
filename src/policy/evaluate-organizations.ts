// A requirement judged over a set of organizations rather than signer identities, for chaincode lifecycle: an
// organization counts for every principal of its MSP, whatever the role and however often the policy names it.
// That is how an approval counts (CheckCommitReadiness reports one vote per org), and how netspec counts the orgs
// whose peers endorse a commit. No identity is marked used here, unlike evaluateRequirement's cauthdsl rule.
import type { Requirement, SignatureRequirement } from './requirement.js';

export function satisfiedByOrganizations(requirement: Requirement, mspIds: ReadonlySet<string>): boolean {
  if (requirement.kind === 'missing') return false;
  if (requirement.kind === 'signature') return signatureSatisfied(requirement.rule, mspIds);
  return requirement.of.filter((sub) => satisfiedByOrganizations(sub, mspIds)).length >= requirement.threshold;
}

function signatureSatisfied(rule: SignatureRequirement, mspIds: ReadonlySet<string>): boolean {
  if (rule.kind === 'signedBy') return mspIds.has(rule.principal.mspId);
  return rule.rules.filter((sub) => signatureSatisfied(sub, mspIds)).length >= rule.n;
}
