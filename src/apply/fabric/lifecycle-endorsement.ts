// Whether a set of organizations satisfies the channel's /Channel/Application/LifecycleEndorsement policy (by
// default MAJORITY Endorsement: more than half of the application orgs). The same policy judges both the
// approvals (CheckCommitReadiness: one vote per org) and the commit transaction's endorsements (one per org's
// peer): so an org counts for every principal of its MSP, whatever the role, which is how an approval counts.
import type { ConfigJson } from '../../compiler/fabric/index.js';
import { describeRequirement, type Requirement, resolvePolicy, type SignatureRequirement } from '../../policy/index.js';

export const LIFECYCLE_ENDORSEMENT = '/Channel/Application/LifecycleEndorsement';

export interface LifecycleRequirement {
  requirement: Requirement;
  /** In words, for messages: "MAJORITY of {A, B, C} Endorsement -> 2 of 3". */
  summary: string;
}

export function lifecycleRequirement(config: ConfigJson): LifecycleRequirement {
  const requirement = resolvePolicy(config.channel_group, LIFECYCLE_ENDORSEMENT);
  return { requirement, summary: describeRequirement(requirement) };
}

export function satisfiedBy(requirement: Requirement, mspIds: ReadonlySet<string>): boolean {
  if (requirement.kind === 'missing') return false;
  if (requirement.kind === 'signature') return signatureSatisfied(requirement.rule, mspIds);
  return requirement.of.filter((sub) => satisfiedBy(sub, mspIds)).length >= requirement.threshold;
}

function signatureSatisfied(rule: SignatureRequirement, mspIds: ReadonlySet<string>): boolean {
  if (rule.kind === 'signedBy') return mspIds.has(rule.principal.mspId);
  return rule.rules.filter((sub) => signatureSatisfied(sub, mspIds)).length >= rule.n;
}
