// Reviews count on the PR's head commit only: read from a GitHub API (each review with its commit_id) and decided
// by latestReviewVerdicts, as pr status does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvingLogins,
  createGitHubClient,
  latestReviewVerdicts,
  readPullRequest,
} from '../../../src/apply/github/index.js';
import { type FakeGitHubApi, type FakeReview, startFakeGitHubApi } from './fake-github-api.js';

const OLD = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const PUSHED = 'c'.repeat(40);

let api: FakeGitHubApi;
beforeEach(async () => {
  api = await startFakeGitHubApi({ headSha: HEAD, baseSha: '1'.repeat(40) });
});
afterEach(async () => {
  await api.close();
});

const at = (hour: number) => `2024-05-01T${String(hour).padStart(2, '0')}:00:00Z`;
const review = (id: number, login: string, state: FakeReview['state'], hour: number, commitId: string) => ({
  id,
  login,
  state,
  submittedAt: at(hour),
  commitId,
});

async function approvers() {
  const octokit = createGitHubClient({ token: 't', baseUrl: api.url });
  const facts = await readPullRequest(octokit, { owner: api.state.owner, repo: api.state.repo, pullNumber: 12 });
  return { facts, verdicts: latestReviewVerdicts(facts.reviews, facts.headSha) };
}

describe('reviews count on the head commit', () => {
  it('keeps each review its commit, and the base commit', async () => {
    api.state.reviews = [review(1, 'alice', 'APPROVED', 10, OLD)];
    const { facts } = await approvers();
    expect(facts).toMatchObject({ headSha: HEAD, baseSha: '1'.repeat(40) });
    expect(facts.reviews).toEqual([{ id: 1, login: 'alice', state: 'APPROVED', submittedAt: at(10), commitId: OLD }]);
  });

  it('an approval of an older commit does not count; approving the head again does', async () => {
    api.state.reviews = [
      review(1, 'alice', 'APPROVED', 10, OLD),
      review(2, 'bob', 'APPROVED', 10, OLD),
      review(3, 'bob', 'APPROVED', 12, HEAD),
      // Comments on any commit neither grant nor revoke.
      review(4, 'carol', 'APPROVED', 11, HEAD),
      review(5, 'carol', 'COMMENTED', 13, OLD),
    ];
    const { verdicts } = await approvers();
    expect(Object.fromEntries(verdicts)).toEqual({ alice: 'STALE_APPROVAL', bob: 'APPROVED', carol: 'APPROVED' });
    expect(approvingLogins(verdicts)).toEqual(['bob', 'carol']);
  });

  it('a later change request on any commit revokes an approval of the head', async () => {
    api.state.reviews = [
      review(1, 'dave', 'APPROVED', 10, HEAD),
      // Begun before the head was pushed, submitted after dave's approval.
      review(2, 'dave', 'CHANGES_REQUESTED', 11, OLD),
      // The latest word is an approval of other content: stale, until the head is approved again.
      review(3, 'erin', 'APPROVED', 10, HEAD),
      review(4, 'erin', 'APPROVED', 11, OLD),
    ];
    const { verdicts } = await approvers();
    expect(Object.fromEntries(verdicts)).toEqual({ dave: 'CHANGES_REQUESTED', erin: 'STALE_APPROVAL' });
    expect(approvingLogins(verdicts)).toEqual([]);
  });

  it('a push makes every approval stale until it is approved again', async () => {
    api.state.reviews = [review(1, 'alice', 'APPROVED', 10, HEAD), review(2, 'bob', 'APPROVED', 11, HEAD)];
    expect(approvingLogins((await approvers()).verdicts)).toEqual(['alice', 'bob']);
    api.state.headSha = PUSHED;
    expect(approvingLogins((await approvers()).verdicts)).toEqual([]);
    api.state.reviews.push(review(3, 'bob', 'APPROVED', 12, PUSHED));
    expect(approvingLogins((await approvers()).verdicts)).toEqual(['bob']);
  });
});
