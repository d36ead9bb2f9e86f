// `netspec pr status --repo <owner/name> --pr <n> --bundle <dir> [--spec <network.yaml>]`: the pull request as the
// place where orgs sign. Keeps one plan comment and the `netspec/signatures` commit status up to date.
// Token from GITHUB_TOKEN, API base from GITHUB_API_URL. Exit 0 satisfied, 2 waiting, 1 invalid.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Command, Option } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { loadSpec } from '../../compiler/load-spec.js';
import { pathFromBundle } from '../../compiler/plan/bundle-paths.js';
import type { VerifyReport } from '../../governance/verify-report.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';

type Condition = 'review' | 'signature';

interface StatusOptions {
  repo: string;
  pr: string;
  bundle: string;
  spec?: string;
  state?: string;
  require: string;
  verifyReport?: string;
}

export function register(program: Command): void {
  const pr = program.command('pr').description('governance pull requests: reviews, signatures, status');
  pr.command('status')
    .description('count approving reviews and valid signatures per org; update the plan comment and commit status')
    .addOption(new Option('--repo <owner/name>', 'the GitHub repository').makeOptionMandatory())
    .addOption(new Option('--pr <number>', 'the pull request number').makeOptionMandatory())
    .addOption(new Option('--bundle <dir>', 'the plan bundle the PR proposes').makeOptionMandatory())
    .option('--spec <network.yaml>', "the spec whose approvers map reviewers to orgs (default: the plan's spec)")
    .option('--state <dir>', "the live state folder verify checks against (default: the plan's)")
    .option('--require <conditions>', 'what makes an org count: review, signature, or both', 'review,signature')
    .option('--verify-report <file>', 'a `netspec verify --format json` report to use instead of verifying here')
    .action(action((options: StatusOptions) => runStatus(options)));
}

async function runStatus(options: StatusOptions): Promise<number> {
  const github = await import('../../apply/github/index.js');
  const pullRequest = github.parseRepository(options.repo);
  if (!pullRequest) throw new UserError(`--repo must be owner/name, not '${options.repo}'`);
  if (!/^[1-9]\d*$/.test(options.pr)) throw new UserError(`--pr must be a pull request number, not '${options.pr}'`);
  const require = parseConditions(options.require);
  const planFile = join(options.bundle, 'plan.json');
  if (!existsSync(planFile) || !existsSync(join(options.bundle, 'plan.md'))) {
    throw new UserError(`${options.bundle} is not a plan bundle (plan.json and plan.md expected)`);
  }
  const specFile = options.spec ?? readPlanSpecFile(planFile);
  const loaded = loadSpec(specFile);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [specFile]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  const octokit = github.createGitHubClient({
    token: process.env.GITHUB_TOKEN,
    baseUrl: process.env.GITHUB_API_URL || github.DEFAULT_GITHUB_API_URL,
  });
  let result: Awaited<ReturnType<typeof github.runPullRequestStatus>>;
  try {
    result = await github.runPullRequestStatus({
      octokit,
      pullRequest: { ...pullRequest, pullNumber: Number(options.pr) },
      bundleDir: options.bundle,
      model: loaded.value.model,
      verify: options.verifyReport
        ? reportFromFile(options.verifyReport)
        : await netspecVerifier({
            ...(options.spec ? { specFile: options.spec } : {}),
            ...(options.state ? { stateDir: options.state } : {}),
          }),
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

function readPlanSpecFile(planFile: string): string {
  try {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { specFile?: unknown };
    if (typeof plan.specFile === 'string') return pathFromBundle(dirname(planFile), plan.specFile);
  } catch {
    // fall through to the message below
  }
  throw new UserError(`${planFile} names no spec file; pass --spec <network.yaml>`);
}

function reportFromFile(file: string) {
  return (): VerifyReport => {
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as VerifyReport;
      if (!Array.isArray(report.updates) || typeof report.status !== 'string') throw new Error('not a report');
      return report;
    } catch {
      throw new UserError(`${file} is not a netspec verify JSON report`);
    }
  };
}

/** netspec's own verifier (`netspec verify`), loaded only when used. */
async function netspecVerifier(options: { specFile?: string; stateDir?: string }) {
  const { verifyBundle } = await import('../../governance/index.js');
  return (bundleDir: string): VerifyReport => verifyBundle(bundleDir, options);
}
