// Fabric's policy engine over a set of valid, deduplicated signer identities:
//  - ImplicitMeta: each sub-policy is evaluated on its own over the whole set; satisfied when at least
//    `threshold` of them are (threshold 0 is always satisfied);
//  - signature policies (cauthdsl): n_out_of evaluates its rules in order, each on a copy of the "used" marks,
//    keeping the marks of the rules that succeeded; signed_by takes the first unused identity satisfying the
//    principal and marks it used: one signature satisfies at most one principal. Greedy, exactly as Fabric is.
import { requirementMspIds } from './describe-requirement.js';
import type { Principal, Requirement, SignatureRequirement } from './requirement.js';

export interface EvaluatedIdentity {
  mspId: string;
  satisfies(principal: Principal): boolean;
}

export interface Evaluation {
  satisfied: boolean;
  /** MSP ids whose signatures counted. */
  signedBy: string[];
  /** MSP ids that could still sign (named by the policy, not counted yet); empty when satisfied. */
  waitingFor: string[];
  /** Sub-policies (or top-level rules) met, and how many are needed. */
  met: number;
  needed: number;
}

export function evaluateRequirement(requirement: Requirement, identities: readonly EvaluatedIdentity[]): Evaluation {
  const result = evaluateNode(requirement, identities);
  const signedBy = [...result.signedBy].sort();
  const waitingFor = result.satisfied
    ? []
    : requirementMspIds(requirement).filter((mspId) => !result.signedBy.has(mspId));
  return { satisfied: result.satisfied, signedBy, waitingFor, met: result.met, needed: result.needed };
}

interface NodeResult {
  satisfied: boolean;
  signedBy: Set<string>;
  met: number;
  needed: number;
}

function evaluateNode(requirement: Requirement, identities: readonly EvaluatedIdentity[]): NodeResult {
  if (requirement.kind === 'missing') return { satisfied: false, signedBy: new Set(), met: 0, needed: 1 };
  if (requirement.kind === 'implicitMeta') {
    const signedBy = new Set<string>();
    let met = 0;
    for (const sub of requirement.of) {
      const result = evaluateNode(sub, identities);
      if (!result.satisfied) continue;
      met += 1;
      for (const mspId of result.signedBy) signedBy.add(mspId);
    }
    return { satisfied: met >= requirement.threshold, signedBy, met, needed: requirement.threshold };
  }
  const used = identities.map(() => false);
  const rule = requirement.rule;
  if (rule.kind === 'signedBy') {
    const satisfied = evaluateRule(rule, identities, used);
    return { satisfied, signedBy: usedMspIds(identities, used), met: satisfied ? 1 : 0, needed: 1 };
  }
  // The top-level n_out_of, unrolled to count how many of its rules are met.
  const met = rulesMet(rule.rules, identities, used);
  return { satisfied: met >= rule.n, signedBy: usedMspIds(identities, used), met, needed: rule.n };
}

function evaluateRule(rule: SignatureRequirement, identities: readonly EvaluatedIdentity[], used: boolean[]): boolean {
  if (rule.kind === 'signedBy') {
    for (let index = 0; index < identities.length; index++) {
      if (used[index]) continue;
      if (identities[index]!.satisfies(rule.principal)) {
        used[index] = true;
        return true;
      }
    }
    return false;
  }
  return rulesMet(rule.rules, identities, used) >= rule.n;
}

/**
 * How many of an n_out_of's rules are met, each in turn: a rule met keeps the identities it used, so no identity
 * counts for two rules; a rule not met gives back the ones it tried.
 */
function rulesMet(
  rules: readonly SignatureRequirement[],
  identities: readonly EvaluatedIdentity[],
  used: boolean[],
): number {
  let met = 0;
  for (const sub of rules) {
    const attempt = [...used];
    if (evaluateRule(sub, identities, attempt)) {
      met += 1;
      attempt.forEach((mark, index) => {
        used[index] = mark;
      });
    }
  }
  return met;
}

function usedMspIds(identities: readonly EvaluatedIdentity[], used: readonly boolean[]): Set<string> {
  return new Set(identities.filter((_, index) => used[index]).map((identity) => identity.mspId));
}
