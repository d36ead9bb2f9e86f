// Who must sign a channel config update: every write the orderer will authorize, the policy it evaluates,
// and that policy resolved to concrete organizations and thresholds.
import type { ConfigJson, ConfigUpdateJson } from '../compiler/fabric/config/config-json.js';
import { describeRequirement, requirementMspIds } from './describe-requirement.js';
import type { Requirement } from './requirement.js';
import { resolvePolicy } from './resolve-policy.js';
import { type ConfigWrite, configWrites } from './update-writes.js';

export interface SigningRequirement {
  policyPath: string;
  requirement: Requirement;
  /** In words: "/Channel/Application/Admins: MAJORITY of {A, B, C} admins -> 2 of 3". */
  summary: string;
  /** MSP ids whose admins' signatures can count. */
  mspIds: string[];
  /** The writes this policy authorizes. */
  writes: string[];
}

export function whoMustSign(
  current: ConfigJson,
  update: ConfigUpdateJson,
): { writes: ConfigWrite[]; requirements: SigningRequirement[] } {
  const writes = configWrites(current, update);
  const byPolicy = new Map<string, SigningRequirement>();
  for (const write of writes) {
    if (!write.policyPath) continue;
    let entry = byPolicy.get(write.policyPath);
    if (!entry) {
      const requirement = resolvePolicy(current.channel_group, write.policyPath);
      entry = {
        policyPath: write.policyPath,
        requirement,
        summary: describeRequirement(requirement),
        mspIds: requirementMspIds(requirement),
        writes: [],
      };
      byPolicy.set(write.policyPath, entry);
    }
    entry.writes.push(write.path);
  }
  return { writes, requirements: [...byPolicy.values()].sort((a, b) => (a.policyPath < b.policyPath ? -1 : 1)) };
}
