// GitHub integration: a governance pull request as the place where orgs sign. Reads reviews and files, maps
// reviewers to orgs through the spec's approvers, and keeps one plan comment and one commit status up to date.
// Also CODEOWNERS from the approvers.
export { type Approver, approvalsByOrganization, type OrgApproval, parseApprover } from './approver-orgs.js';
export { renderCodeowners } from './codeowners.js';
export { createGitHubClient, DEFAULT_GITHUB_API_URL, parseRepository } from './github-client.js';
export { approvingLogins, latestReviewVerdicts, type ReviewFact } from './latest-reviews.js';
export {
  type OrganizationsAt,
  type PullRequestStatusResult,
  runPullRequestStatus,
} from './pr-status.js';
export { type CommentOutcome, STATUS_CONTEXT, setSignatureStatus, upsertPlanComment } from './publish-status.js';
export { type PullRequestRef, readPullRequest, teamMembershipChecker } from './pull-request-facts.js';
export { evaluateGate, type GateCondition, type GateResult, requirementMet } from './signature-gate.js';
export { COMMENT_MARKER, renderStatusComment, statusDescription } from './status-comment.js';
