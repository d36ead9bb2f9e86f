// `netspec pr status` end to end: the bundle and its verify outcome (judged by the caller against the network's
// own spec and trusted state), the PR's facts, the gate, then the plan comment and the commit status. Who may
// approve for an organization comes from the spec at the PR's *base* commit: a PR cannot name its own approvers.
import type { Octokit } from '@octokit/rest';
import { BUNDLE_MARKDOWN_FILE, type Bundle } from '../../bundle/index.js';
import type { OrganizationModel } from '../../compiler/model/index.js';
import type { VerifyReport } from '../../governance/verify-report.js';
import { approvalsByOrganization } from './approver-orgs.js';
import { approvingLogins, latestReviewVerdicts } from './latest-reviews.js';
import { type CommentOutcome, setSignatureStatus, upsertPlanComment } from './publish-status.js';
import { type PullRequestRef, readPullRequest, teamMembershipChecker } from './pull-request-facts.js';
import { evaluateGate, type GateCondition, type GateResult } from './signature-gate.js';
import { renderStatusComment, statusDescription } from './status-comment.js';

/** The organizations (with their approvers) as the spec stood at a commit. */
export type OrganizationsAt = (commit: string) => Promise<readonly OrganizationModel[]>;

export interface PullRequestStatusInput {
  octokit: Octokit;
  pullRequest: PullRequestRef;
  bundle: Bundle;
  /** verify's report on `bundle`; the gate is never better than it. */
  report: VerifyReport;
  /** Whose reviews count: read at the base commit (GitHub's, unless `base` names another). */
  organizationsAt: OrganizationsAt;
  base?: string;
  require: readonly GateCondition[];
}

export interface PullRequestStatusResult {
  gate: GateResult;
  headSha: string;
  comment: CommentOutcome;
  description: string;
}

export async function runPullRequestStatus(input: PullRequestStatusInput): Promise<PullRequestStatusResult> {
  const { bundle, report } = input;
  const markdown = bundle.files.get(BUNDLE_MARKDOWN_FILE);
  const planMarkdown = markdown ? Buffer.from(markdown).toString('utf8') : '_The bundle has no plan.md._\n';
  const facts = await readPullRequest(input.octokit, input.pullRequest);
  const organizations = await input.organizationsAt(input.base ?? facts.baseSha);
  const approvals = await approvalsByOrganization(
    organizations,
    approvingLogins(latestReviewVerdicts(facts.reviews, facts.headSha)),
    teamMembershipChecker(input.octokit),
  );
  const gate = evaluateGate({ plan: bundle.plan, report, approvals, require: input.require });
  const signatureFiles = facts.files
    .filter((file) => file.status !== 'removed' && /(^|\/)signatures\/[^/]+\/[^/]+\.json$/.test(file.filename))
    .map((file) => file.filename)
    .sort();
  const comment = await upsertPlanComment(
    input.octokit,
    input.pullRequest,
    renderStatusComment(planMarkdown, gate, signatureFiles),
  );
  const description = statusDescription(gate);
  await setSignatureStatus(input.octokit, input.pullRequest, facts.headSha, gate.status, description);
  return { gate, headSha: facts.headSha, comment, description };
}
