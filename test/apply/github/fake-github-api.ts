// A local stand-in for the GitHub REST API: exactly the endpoints `netspec pr status` calls, answering with
// GitHub's own example bodies from its published OpenAPI description (@octokit/openapi) with the fields a test
// cares about overridden, and recording every request for exact assertions. Plain HTTP by default; given a key
// and certificate it speaks HTTPS, as github.com and a GitHub Enterprise Server behind a private CA do.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeReview {
  id: number;
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt: string;
  /** The commit the review was made on (GitHub's `commit_id`); the PR's head when left out. */
  commitId?: string;
}

export interface FakeGitHubState {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** The base branch's commit the PR is compared with (GitHub's `base.sha`). */
  baseSha: string;
  reviews: FakeReview[];
  files: { filename: string; status: string }[];
  /** `org/team` -> member logins (state active); `org/team` -> pending logins. */
  teams: Record<string, string[]>;
  pendingTeamMembers: Record<string, string[]>;
  comments: { id: number; body: string; login: string }[];
  /** Further pull requests, by number, for `history --github`: who opened and who merged each. */
  pulls?: Record<number, { author: string; mergedBy?: string }>;
}

export interface FakeGitHubApi {
  url: string;
  state: FakeGitHubState;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface OpenApiDocument {
  components: { examples: Record<string, { value: unknown }> };
}

let examples: Record<string, { value: unknown }> | undefined;

/** GitHub's example for an operation's response, deep-copied so tests can override fields. */
function example(name: string): Record<string, unknown> {
  if (!examples) {
    const file = fileURLToPath(
      new URL('../../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url),
    );
    examples = (JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument).components.examples;
  }
  const value = examples[name]?.value;
  if (value === undefined) throw new Error(`no OpenAPI example ${name}`);
  return structuredClone(Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
}

function user(login: string): Record<string, unknown> {
  return { ...(example('pull-request-review').user as object), login };
}

export interface FakeGitHubApiOptions {
  /** Serve HTTPS with this PEM key and certificate (chain) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export async function startFakeGitHubApi(
  initial: Partial<FakeGitHubState> = {},
  options: FakeGitHubApiOptions = {},
): Promise<FakeGitHubApi> {
  const state: FakeGitHubState = {
    owner: 'acme-consortium',
    repo: 'networks',
    pullNumber: 12,
    headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    baseSha: '1f8e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b',
    reviews: [],
    files: [],
    teams: {},
    pendingTeamMembers: {},
    comments: [],
    ...initial,
  };
  const requests: RecordedRequest[] = [];
  let nextCommentId = 1000;
  const handle: RequestListener = async (request, response) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = raw ? JSON.parse(raw) : undefined;
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      body,
      authorization: request.headers.authorization,
    });
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(payload));
    };
    const repoPath = `/repos/${state.owner}/${state.repo}`;
    const route = `${request.method} ${url.pathname}`;
    const membership = /^GET \/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(route);
    const commentEdit = new RegExp(`^PATCH ${repoPath}/issues/comments/(\\d+)$`).exec(route);
    const otherPull = new RegExp(`^GET ${repoPath}/pulls/(\\d+)$`).exec(route);
    const other = otherPull ? state.pulls?.[Number(otherPull[1])] : undefined;

    if (other) {
      const pull = example('pull-request');
      send(200, {
        ...pull,
        number: Number(otherPull![1]),
        user: user(other.author),
        merged_by: other.mergedBy ? user(other.mergedBy) : null,
      });
    } else if (route === `GET ${repoPath}/pulls/${state.pullNumber}`) {
      const pull = example('pull-request');
      send(200, {
        ...pull,
        number: state.pullNumber,
        head: { ...(pull.head as object), sha: state.headSha },
        base: { ...(pull.base as object), sha: state.baseSha },
      });
    } else if (route === `GET ${repoPath}/pulls/${state.pullNumber}/reviews`) {
      send(
        200,
        state.reviews.map((review) => ({
          ...example('pull-request-review-items'),
          id: review.id,
          user: user(review.login),
          state: review.state,
          submitted_at: review.submittedAt,
          commit_id: review.commitId ?? state.headSha,
        })),
      );
    } else if (route === `GET ${repoPath}/pulls/${state.pullNumber}/files`) {
      send(
        200,
        state.files.map((file) => ({ ...example('diff-entry-items'), ...file })),
      );
    } else if (membership) {
      const [, org, team, login] = membership;
      const key = `${org}/${team}`;
      const active = state.teams[key]?.includes(login!);
      const pending = state.pendingTeamMembers[key]?.includes(login!);
      if (!active && !pending) send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      else
        send(200, {
          ...example('team-membership-response-if-user-is-a-team-maintainer'),
          role: 'member',
          state: active ? 'active' : 'pending',
        });
    } else if (route === `GET ${repoPath}/issues/${state.pullNumber}/comments`) {
      send(
        200,
        state.comments.map((comment) => ({
          ...example('issue-comment-items'),
          id: comment.id,
          body: comment.body,
          user: user(comment.login),
        })),
      );
    } else if (route === `POST ${repoPath}/issues/${state.pullNumber}/comments`) {
      const comment = { id: nextCommentId++, body: (body as { body: string }).body, login: 'netspec-bot' };
      state.comments.push(comment);
      send(201, { ...example('issue-comment'), id: comment.id, body: comment.body, user: user(comment.login) });
    } else if (commentEdit) {
      const comment = state.comments.find((c) => c.id === Number(commentEdit[1]));
      if (!comment) send(404, { message: 'Not Found' });
      else {
        comment.body = (body as { body: string }).body;
        send(200, { ...example('issue-comment'), id: comment.id, body: comment.body, user: user(comment.login) });
      }
    } else if (route === `POST ${repoPath}/statuses/${state.headSha}`) {
      send(201, { ...example('status'), ...(body as object) });
    } else {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    state,
    requests,
    close: () =>
      new Promise((resolve) => {
        // A client's idle keep-alive connection must not hold the test open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
