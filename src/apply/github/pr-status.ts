// `netspec pr status` end to end: read the bundle and the verify report, read the PR, decide the gate, then keep
// the plan comment and the commit status up to date. The verifier is a parameter: the CLI passes netspec's own,
// tests pass a fixed report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Octokit } from '@octokit/rest';
import type { NetworkModel } from '../../compiler/model/index.js';
import type { Plan } from '../../compiler/plan/index.js';
import type { VerifyReport } from '../../governance/verify-report.js';
import { approvalsByOrganization } from './approver-orgs.js';
import { approvingLogins, latestReviewVerdicts } from './latest-reviews.js';
import { type CommentOutcome, setSignatureStatus, upsertPlanComment } from './publish-status.js';
import { type PullRequestRef, readPullRequest, teamMembershipChecker } from './pull-request-facts.js';
import { evaluateGate, type GateCondition, type GateResult } from './signature-gate.js';
import { renderStatusComment, statusDescription } from './status-comment.js';

export type BundleVerifier = (bundleDir: string) => Promise<VerifyReport> | VerifyReport;

export interface PullRequestStatusInput {
  octokit: Octokit;
  pullRequest: PullRequestRef;
  bundleDir: string;
  model: NetworkModel;
  verify: BundleVerifier;
  require: readonly GateCondition[];
}

export interface PullRequestStatusResult {
  gate: GateResult;
  headSha: string;
  comment: CommentOutcome;
  description: string;
}

export async function runPullRequestStatus(input: PullRequestStatusInput): Promise<PullRequestStatusResult> {
  const plan = JSON.parse(readFileSync(join(input.bundleDir, 'plan.json'), 'utf8')) as Plan;
  const planMarkdown = readFileSync(join(input.bundleDir, 'plan.md'), 'utf8');
  const report = await input.verify(input.bundleDir);
  const facts = await readPullRequest(input.octokit, input.pullRequest);
  const approvals = await approvalsByOrganization(
    input.model.organizations,
    approvingLogins(latestReviewVerdicts(facts.reviews, facts.headSha)),
    teamMembershipChecker(input.octokit),
  );
  const gate = evaluateGate({ plan, report, approvals, require: input.require });
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
