// What `pr status` reads from GitHub about a pull request: its head and base commits, its reviews (each with the
// commit it was made on) and its changed files.
import type { Octokit } from '@octokit/rest';
import type { ReviewFact } from './latest-reviews.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

export interface PullRequestFacts {
  headSha: string;
  /** The base branch's commit GitHub compares the PR with: where the spec's approvers are read from. */
  baseSha: string;
  reviews: ReviewFact[];
  files: { filename: string; status: string }[];
}

export async function readPullRequest(octokit: Octokit, ref: PullRequestRef): Promise<PullRequestFacts> {
  const params = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  const { data: pull } = await octokit.rest.pulls.get(params);
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...params, per_page: 100 });
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...params, per_page: 100 });
  return {
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    reviews: reviews
      // A deleted account's review has no user: it speaks for nobody.
      .filter((review) => review.user)
      .map((review) => ({
        id: review.id,
        login: review.user?.login ?? '',
        state: review.state,
        ...(review.submitted_at ? { submittedAt: review.submitted_at } : {}),
        ...(review.commit_id ? { commitId: review.commit_id } : {}),
      })),
    files: files.map((file) => ({ filename: file.filename, status: file.status })),
  };
}

/** GET /orgs/{org}/teams/{team_slug}/memberships/{username}: 404 means not a member; a pending invite is not one. */
export function teamMembershipChecker(octokit: Octokit) {
  return async (org: string, team: string, login: string): Promise<boolean> => {
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login });
      return data.state === 'active';
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  };
}
