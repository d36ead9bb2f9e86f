// Who opened and who merged each pull request, as GitHub recorded it (`GET /repos/{owner}/{repo}/pulls/{n}`:
// `user.login`, `merged_by.login`). Git's author names are whatever the committer's machine was configured to
// say; GitHub's logins are the accounts that acted. Optional: `netspec history --github owner/name` with a
// GITHUB_TOKEN that can read the repository's pull requests.
import type { Octokit } from '@octokit/rest';
import type { GovernanceHistory } from './governance-event.js';

export interface PullRequestPeople {
  author: string;
  mergedBy?: string;
}

/** Adds `github` to every event that came from a PR; the first failure is returned, not thrown. */
export async function addPullRequestPeople(
  history: GovernanceHistory,
  octokit: Octokit,
  repository: { owner: string; repo: string },
): Promise<{ error: string } | undefined> {
  const found = new Map<number, PullRequestPeople>();
  for (const event of history.events) {
    const number = event.pullRequest;
    if (number === undefined) continue;
    let people = found.get(number);
    if (!people) {
      try {
        const { data } = await octokit.pulls.get({ ...repository, pull_number: number });
        people = {
          author: data.user?.login ?? '(unknown)',
          ...(data.merged_by?.login ? { mergedBy: data.merged_by.login } : {}),
        };
      } catch (error) {
        const status = (error as { status?: number }).status;
        return {
          error: `cannot read pull request #${number} of ${repository.owner}/${repository.repo} from GitHub${status ? ` (HTTP ${status})` : ''}`,
        };
      }
      found.set(number, people);
    }
    event.github = people;
  }
  return undefined;
}
