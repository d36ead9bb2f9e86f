// The channel's /Channel/Application/LifecycleEndorsement policy (by default MAJORITY Endorsement: more than half
// of the application orgs), resolved and worded. The same policy judges both the approvals (CheckCommitReadiness:
// one vote per org) and the commit transaction's endorsements (one per org's peer): so an org counts for every
// principal of its MSP, whatever the role, which is how an approval counts (the policy model's
// satisfiedByOrganizations).
import type { ConfigJson } from '../../compiler/fabric/index.js';
import { describeRequirement, type Requirement, resolvePolicy } from '../../policy/index.js';

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
