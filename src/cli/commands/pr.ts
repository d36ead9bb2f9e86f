// `netspec pr status --repo <owner/name> --pr <n> --bundle <dir> [--spec <network.yaml>] [--state <dir>]
// [--base <ref>]`: the pull request as the place where orgs sign. Keeps one plan comment and the
// `netspec/signatures` commit status up to date. The bundle is verified against the network's own spec and the
// state given (in CI: the base branch's); approvers come from the spec as committed at the PR's base, so a PR
// cannot add its own. Token from GITHUB_TOKEN, API base from GITHUB_API_URL. Exit 0 satisfied, 2 waiting,
// 1 invalid.
import { type Command, Option } from 'commander';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { UserError } from '../output.js';
import { bundleInputOptions, verifyBundleAt } from './verified-bundle.js';

type Condition = 'review' | 'signature';

interface StatusOptions {
  repo: string;
  pr: string;
  bundle: string;
  spec?: string;
  state?: string;
  base?: string;
  require: string;
}

export function register(program: Command): void {
  const pr = program.command('pr').description('governance pull requests: reviews, signatures, status');
  const status = pr
    .command('status')
    .description('count approving reviews and valid signatures per org; update the plan comment and commit status')
    .addOption(new Option('--repo <owner/name>', 'the GitHub repository').makeOptionMandatory())
    .addOption(new Option('--pr <number>', 'the pull request number').makeOptionMandatory())
    .addOption(new Option('--bundle <dir>', 'the plan bundle the PR proposes').makeOptionMandatory())
    .option('--base <ref>', "the commit whose spec names each org's approvers (default: the PR's base commit)")
    .option('--require <conditions>', 'what makes an org count: review, signature, or both', 'review,signature');
  bundleInputOptions(status).action(action((options: StatusOptions) => runStatus(options)));
}

async function runStatus(options: StatusOptions): Promise<number> {
  const github = await import('../../apply/github/index.js');
  const pullRequest = github.parseRepository(options.repo);
  if (!pullRequest) throw new UserError(`--repo must be owner/name, not '${options.repo}'`);
  if (!/^[1-9]\d*$/.test(options.pr)) throw new UserError(`--pr must be a pull request number, not '${options.pr}'`);
  const require = parseConditions(options.require);
  // The bundle is read once: the gate judges and comments on the very bytes verify checked.
  const { report, bundle, files } = await verifyBundleAt(options.bundle, options);
  const octokit = github.createGitHubClient({
    token: process.env.GITHUB_TOKEN,
    baseUrl: process.env.GITHUB_API_URL || github.DEFAULT_GITHUB_API_URL,
  });
  let result: Awaited<ReturnType<typeof github.runPullRequestStatus>>;
  try {
    result = await github.runPullRequestStatus({
      octokit,
      pullRequest: { ...pullRequest, pullNumber: Number(options.pr) },
      bundle,
      report,
      organizationsAt: (commit) => organizationsAt(files.specFile, commit),
      ...(options.base ? { base: options.base } : {}),
      require,
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    // Octokit's RequestError: say which call failed and why, never the token.
    throw new UserError(`GitHub API answered ${status}: ${(error as Error).message}`);
  }
  process.stdout.write(
    `PR #${options.pr} (${result.headSha.slice(0, 12)}): ${result.gate.status} — ${result.description}\n` +
      `comment ${result.comment.action} (id ${result.comment.id}); status netspec/signatures set\n`,
  );
  if (result.gate.status === 'satisfied') return EXIT_OK;
  return result.gate.status === 'waiting' ? EXIT_PENDING : EXIT_ERROR;
}

/**
 * The organizations of the spec as committed at `commit` in the repository holding it. A network the base does
 * not have yet has no approvers: nobody's review counts until the spec is on the base branch.
 */
async function organizationsAt(specFile: string, commit: string) {
  const { readFileAtRevision } = await import('../../apply/git/index.js');
  const { loadSpec } = await import('../../compiler/load-spec.js');
  const found = readFileAtRevision(specFile, commit);
  if ('error' in found) throw new UserError(found.error);
  if (found.bytes === undefined) {
    process.stderr.write(`netspec: ${specFile} does not exist at ${commit}: no organization has approvers yet\n`);
    return [];
  }
  const loaded = loadSpec(specFile, { bytes: found.bytes });
  if (!loaded.value)
    throw new UserError(
      `${specFile} at ${commit} does not load, so its approvers cannot be read: ${loaded.diagnostics[0]?.message ?? 'unknown error'}`,
    );
  return loaded.value.model.organizations;
}

function parseConditions(text: string): Condition[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = parts.filter((part) => part !== 'review' && part !== 'signature');
  if (parts.length === 0 || bad.length > 0) {
    throw new UserError(`--require takes review, signature or review,signature, not '${text}'`);
  }
  return [...new Set(parts as Condition[])];
}
