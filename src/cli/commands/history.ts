// `netspec history <network-dir-or-name> [--format text|markdown|json]`: the network's governance log from git
// alone, so an auditor with only a clone can run it: per change, who proposed and who merged it, the spec changes,
// every signature verified against the channel config of its time (INVALID with the reason when it does not),
// apply records joined to the bundle they applied (UNSIGNED when no signed bundle stands behind one), and
// REWRITTEN where history was changed after an apply.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { formatOption, type ReportFormat, UserError } from '../output.js';

export function register(program: Command): void {
  program
    .command('history')
    .description('the governance log of a network from git: PRs, spec changes, verified signatures, applies')
    .argument('<network>', 'the network folder, its network.yaml, or its name (networks/<name>)')
    .addOption(formatOption())
    .option(
      '--github <owner/name>',
      "also read each PR's author and merger from GitHub (GITHUB_TOKEN, GITHUB_API_URL as for `pr status`)",
    )
    .action(
      action((network: string, options: { format: ReportFormat; github?: string }) =>
        runHistory(network, options.format, options.github),
      ),
    );
}

async function runHistory(network: string, format: ReportFormat, githubRepository?: string): Promise<number> {
  const { simpleGit } = await import('simple-git');
  const history = await import('../../apply/git/index.js');
  const folder = networkFolder(network);
  let root: string;
  try {
    const start = existsSync(folder) ? folder : process.cwd();
    root = (await simpleGit({ baseDir: start }).revparse(['--show-toplevel'])).trim();
  } catch {
    throw new UserError(`${network} is not inside a git repository`);
  }
  // A bare name is repository-relative (`networks/<name>`), wherever in the clone the auditor stands.
  const networkPath = existsSync(folder)
    ? relative(realpathSync(root), realpathSync(folder)).split(sep).join('/')
    : folder;
  if (networkPath === '' || networkPath.startsWith('..')) {
    throw new UserError(`${network} is not a network folder inside the repository ${root}`);
  }
  const result = await history.readGovernanceHistory({ repoRoot: root, networkPath });
  if (result.events.length === 0) throw new UserError(`no commit touches ${networkPath}`);
  if (githubRepository !== undefined) {
    const github = await import('../../apply/github/index.js');
    const repository = github.parseRepository(githubRepository);
    if (!repository) throw new UserError(`--github must be owner/name, not '${githubRepository}'`);
    const octokit = github.createGitHubClient({
      token: process.env.GITHUB_TOKEN,
      baseUrl: process.env.GITHUB_API_URL || github.DEFAULT_GITHUB_API_URL,
    });
    const failed = await history.addPullRequestPeople(result, octokit, repository);
    if (failed) throw new UserError(failed.error);
  }
  if (format === 'json') process.stdout.write(history.renderHistoryJson(result));
  else if (format === 'markdown') process.stdout.write(history.renderHistoryMarkdown(result));
  else process.stdout.write(history.renderHistoryText(result));
  return EXIT_OK;
}

/** A folder, a network.yaml, or a bare name meaning `networks/<name>` (which may no longer exist: it is history). */
function networkFolder(network: string): string {
  if (existsSync(network)) {
    if (statSync(network).isDirectory()) return network;
    if (basename(network) === 'network.yaml') return dirname(network);
    throw new UserError(`${network} is neither a network folder nor a network.yaml`);
  }
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(network)) return `networks/${network}`;
  throw new UserError(`${network} does not exist`);
}
