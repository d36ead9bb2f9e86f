// A PR's reviews -> each reviewer's standing verdict, as GitHub's own "approved by" logic reads them:
// the latest APPROVED / CHANGES_REQUESTED / DISMISSED review of a user wins; a later COMMENTED review (or a
// PENDING draft) neither grants nor revokes an approval.

export type ReviewVerdict = 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';

export interface ReviewFact {
  id: number;
  login: string;
  state: string;
  submittedAt?: string;
}

/** Login (lower case: GitHub logins are case-insensitive) -> the verdict that stands. */
export function latestReviewVerdicts(reviews: readonly ReviewFact[]): Map<string, ReviewVerdict> {
  const ordered = [...reviews].sort((a, b) => {
    const byTime = (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '');
    return byTime !== 0 ? byTime : a.id - b.id;
  });
  const verdicts = new Map<string, ReviewVerdict>();
  for (const review of ordered) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') {
      verdicts.set(review.login.toLowerCase(), review.state);
    }
  }
  return verdicts;
}

/** The logins whose standing verdict is an approval, sorted. */
export function approvingLogins(verdicts: ReadonlyMap<string, ReviewVerdict>): string[] {
  return [...verdicts]
    .filter(([, verdict]) => verdict === 'APPROVED')
    .map(([login]) => login)
    .sort();
}
