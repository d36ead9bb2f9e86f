// One Octokit per command run: the token and API base come from the environment as GitHub Actions sets them
// (GITHUB_TOKEN, GITHUB_API_URL), so the same command works against github.com, GHES, or a local test server.
// TLS is Node's own: Octokit requests go through Node's fetch, which trusts Node's root CAs plus the PEM file
// named by NODE_EXTRA_CA_CERTS (read once, as the process starts). A GitHub Enterprise Server behind a private CA
// is reached with GITHUB_API_URL=https://<host>/api/v3 and NODE_EXTRA_CA_CERTS=<its CA>.pem. Nothing here sets
// a CA list of its own: that would replace the public roots, and github.com with them.
import { Octokit } from '@octokit/rest';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  token?: string;
  baseUrl?: string;
}

export function createGitHubClient(options: GitHubClientOptions): Octokit {
  return new Octokit({
    auth: options.token || undefined,
    baseUrl: (options.baseUrl || DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'netspec',
    // Octokit logs deprecations and request failures to the console; the command reports failures itself.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** `owner/name` -> its two parts, or undefined when it is not of that form. */
export function parseRepository(text: string): { owner: string; repo: string } | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(text);
  return match ? { owner: match[1]!, repo: match[2]! } : undefined;
}
