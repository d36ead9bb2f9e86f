// Writing back to the PR: the one marked comment (created once, then edited in place) and the commit status.
import type { Octokit } from '@octokit/rest';
import type { VerifyStatus } from '../../governance/verify-report.js';
import type { PullRequestRef } from './pull-request-facts.js';
import { COMMENT_MARKER } from './status-comment.js';

export const STATUS_CONTEXT = 'netspec/signatures';

export type CommentOutcome = { action: 'created' | 'updated' | 'unchanged'; id: number };

export async function upsertPlanComment(octokit: Octokit, ref: PullRequestRef, body: string): Promise<CommentOutcome> {
  const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.pullNumber };
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...params, per_page: 100 });
  const existing = comments.find((comment) => (comment.body ?? '').trimStart().startsWith(COMMENT_MARKER));
  if (!existing) {
    const { data } = await octokit.rest.issues.createComment({ ...params, body });
    return { action: 'created', id: data.id };
  }
  // An identical body is left alone: no notification, no "edited" noise in the PR.
  if (existing.body === body) return { action: 'unchanged', id: existing.id };
  await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body });
  return { action: 'updated', id: existing.id };
}

const COMMIT_STATE = { satisfied: 'success', waiting: 'pending', invalid: 'failure' } as const;

export async function setSignatureStatus(
  octokit: Octokit,
  ref: PullRequestRef,
  sha: string,
  status: VerifyStatus,
  description: string,
): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    owner: ref.owner,
    repo: ref.repo,
    sha,
    state: COMMIT_STATE[status],
    context: STATUS_CONTEXT,
    description,
  });
}
