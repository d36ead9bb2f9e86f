// A PR's reviews -> each reviewer's standing verdict on the PR's current head commit.
//
// The latest APPROVED / CHANGES_REQUESTED / DISMISSED review of a user stands, whichever commit it was made on;
// a later COMMENTED review (or a PENDING draft) neither grants nor revokes. A standing approval counts only when
// it approves the head commit (GitHub's review `commit_id`): once new commits are pushed, earlier approvals are
// stale and the reviewer must approve again, as GitHub's "dismiss stale pull request approvals when new commits are
// pushed" and "require approval of the most recent reviewable push" make it: an approval speaks for the content
// the reviewer saw, never for commits pushed after it. So:
// - approved commit A, then B was pushed: stale until the reviewer approves B;
// - approved the head, then requested changes on any commit (a review begun before the push): revoked;
// - approved the head, then submitted an approval begun on an older commit: that later review stands, and it is
//   stale (the latest word is about other content; approving the head again settles it);
// - a DISMISSED review stands as "no verdict": an approval before it does not come back.
// GitHub's rule also keeps whoever pushed the head from approving it; who pushed is not in the reviews, so that
// part is branch protection's to enforce.

export type ReviewVerdict = 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED' | 'STALE_APPROVAL';

export interface ReviewFact {
  id: number;
  login: string;
  state: string;
  submittedAt?: string;
  /** The commit the review was made on; GitHub leaves it out for some old reviews, which then approve nothing. */
  commitId?: string;
}

/**
 * Login (lower case: GitHub logins are case-insensitive) -> the verdict that stands on `headSha`: an approval of
 * another commit is `STALE_APPROVAL`.
 */
export function latestReviewVerdicts(reviews: readonly ReviewFact[], headSha: string): Map<string, ReviewVerdict> {
  const head = headSha.toLowerCase();
  const ordered = [...reviews].sort((a, b) => {
    const byTime = (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '');
    return byTime !== 0 ? byTime : a.id - b.id;
  });
  const verdicts = new Map<string, ReviewVerdict>();
  for (const review of ordered) {
    const login = review.login.toLowerCase();
    if (review.state === 'APPROVED') {
      verdicts.set(login, review.commitId?.toLowerCase() === head ? 'APPROVED' : 'STALE_APPROVAL');
    } else if (review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') {
      verdicts.set(login, review.state);
    }
  }
  return verdicts;
}

/** The logins whose standing verdict approves the head commit, sorted. */
export function approvingLogins(verdicts: ReadonlyMap<string, ReviewVerdict>): string[] {
  return [...verdicts]
    .filter(([, verdict]) => verdict === 'APPROVED')
    .map(([login]) => login)
    .sort();
}
