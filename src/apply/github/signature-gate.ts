// The merge gate of a governance pull request: per channel update, an organization counts only when what the
// consortium configured is present — its approving review, its valid admin signature, or both (the default) —
// and each policy the orderer will evaluate is re-evaluated over the orgs that count. Pure: no I/O.
import { type Problem, problem } from '../../compiler/diagnostics/index.js';
import type { Plan } from '../../compiler/plan/index.js';
import type { VerifyReport, VerifyStatus } from '../../governance/verify-report.js';
import { evaluateRequirement, type Principal, type Requirement } from '../../policy/index.js';
import type { OrgApproval } from './approver-orgs.js';

export type GateCondition = 'review' | 'signature';

export interface GateOrgRow {
  organization: string;
  mspId: string;
  approvedBy: string[];
  /** A valid admin signature over this channel's update (per the verify report). */
  signed: boolean;
  /** Why its signature does not count, when it sent one that verify rejected. */
  signatureProblem?: string;
  counts: boolean;
}

export interface GateRequirement {
  policyPath: string;
  summary: string;
  satisfied: boolean;
  /** Orgs that could still make it satisfied (named in the policy, not yet counting). */
  waitingFor: string[];
}

export interface GateChannel {
  channel: string;
  action: string;
  problems: Problem[];
  requirements: GateRequirement[];
  organizations: GateOrgRow[];
}

export interface GateResult {
  status: VerifyStatus;
  require: GateCondition[];
  channels: GateChannel[];
}

export interface GateInput {
  plan: Plan;
  report: VerifyReport;
  approvals: readonly OrgApproval[];
  require: readonly GateCondition[];
}

export function evaluateGate(input: GateInput): GateResult {
  const require = [...new Set(input.require)].sort();
  const channels: GateChannel[] = [];
  for (const channelPlan of input.plan.channels) {
    if (channelPlan.action === 'noop') continue;
    const verdict = input.report.updates.find((update) => update.channel === channelPlan.channel);
    const named = new Set(channelPlan.signers.flatMap((signer) => signer.mspIds));
    const organizations: GateOrgRow[] = input.approvals
      .filter((approval) => named.has(approval.mspId))
      .map((approval) => {
        const signatures = verdict?.signatures.filter((s) => s.mspId === approval.mspId) ?? [];
        const signed = signatures.some((s) => s.valid && s.admin !== false);
        const rejected = signatures.find((s) => !s.valid);
        const reviewOk = !require.includes('review') || approval.approvedBy.length > 0;
        const signatureOk = !require.includes('signature') || signed;
        return {
          organization: approval.organization,
          mspId: approval.mspId,
          approvedBy: approval.approvedBy,
          signed,
          ...(!signed && rejected ? { signatureProblem: rejected.reason ?? 'invalid signature' } : {}),
          counts: reviewOk && signatureOk,
        };
      });
    const counting = new Set(organizations.filter((row) => row.counts).map((row) => row.mspId));
    const requirements = channelPlan.signers.map((signer) => ({
      policyPath: signer.policyPath,
      summary: signer.summary,
      satisfied: requirementMet(signer.requirement, counting),
      waitingFor: signer.mspIds.filter((mspId) => !counting.has(mspId)).sort(),
    }));
    const problems = [...(verdict?.problems ?? [])];
    if (!verdict && require.includes('signature'))
      // The report's own problems say why (it judged no update of a bundle it refused as a whole).
      problems.push(
        problem(
          input.report.problems?.[0]?.code ?? 'NS_INTERNAL_ERROR',
          'the verify report has no verdict for this update',
        ),
      );
    channels.push({ channel: channelPlan.channel, action: channelPlan.action, problems, requirements, organizations });
  }
  const invalid = input.report.status === 'invalid' || channels.some((channel) => channel.problems.length > 0);
  const satisfied = channels.every((channel) => channel.requirements.every((r) => r.satisfied));
  return { status: invalid ? 'invalid' : satisfied ? 'satisfied' : 'waiting', require, channels };
}

/**
 * Fabric's evaluation over the set of orgs that count, one signature per org: each org stands as one identity that
 * satisfies every principal of its MSP (the verify report already checked each signature's role, admin), and the
 * policy model's evaluator marks it used once it counted, as cauthdsl does.
 */
export function requirementMet(requirement: Requirement, counting: ReadonlySet<string>): boolean {
  const organizations = [...counting].map((mspId) => ({
    mspId,
    satisfies: (principal: Principal) => principal.mspId === mspId,
  }));
  return evaluateRequirement(requirement, organizations).satisfied;
}
