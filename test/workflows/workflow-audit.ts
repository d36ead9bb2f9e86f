// Rules the GitHub workflows must keep, as pure functions over a parsed workflow, and a runner that executes one
// step's shell script with stub commands. A pull request's code (its checkout, its npm dependencies, its copy of a
// workflow) may run only in a job whose token cannot write and which sees no secret: GitHub's hardening guide,
// "Preventing pwn requests".
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { outputOf } from '../helpers/run-cli.js';

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: unknown;
}
export type Permissions = string | Record<string, string>;
export interface Job {
  if?: string;
  permissions?: Permissions;
  environment?: unknown;
  env?: Record<string, string>;
  steps: Step[];
  'continue-on-error'?: unknown;
  [key: string]: unknown;
}
export interface Workflow {
  name: string;
  on: unknown;
  defaults?: { run?: { shell?: string } };
  permissions?: Permissions;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}
export interface Finding {
  job: string;
  reason: string;
}

export function parseWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

/** The events a workflow runs on, whichever of the three shapes `on:` takes. */
export function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === 'object' ? Object.keys(on) : [];
}

const PULL_REQUEST_EVENTS = [
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_target',
];
/** A ref or repository that names the pull request's head (the author's code, possibly from a fork). */
const PULL_REQUEST_HEAD = /github\.event\.pull_request\.head\.|github\.head_ref|refs\/pull\//;
/** Commands that run code from the checked-out tree: package scripts, dependencies, the tree's own binaries. */
const RUNS_CHECKED_OUT_CODE = /\b(?:npm|npx|pnpm|yarn|node)\b/;

function checksOutPullRequestHead(job: Job): boolean {
  return job.steps.some(
    (step) =>
      (step.uses ?? '').startsWith('actions/checkout') &&
      PULL_REQUEST_HEAD.test(`${String(step.with?.ref ?? '')} ${String(step.with?.repository ?? '')}`),
  );
}

/** True when the job runs code the pull request controls. */
export function runsPullRequestCode(workflow: Workflow, job: Job): boolean {
  if (checksOutPullRequestHead(job)) return true;
  if (!triggers(workflow).some((event) => PULL_REQUEST_EVENTS.includes(event))) return false;
  // On these events the checkout's default ref is the pull request's merge commit, and `uses: ./…` its actions.
  return job.steps.some((step) => RUNS_CHECKED_OUT_CODE.test(step.run ?? '') || (step.uses ?? '').startsWith('./'));
}

/** The scopes a job's token may write; a job with no `permissions` anywhere gets the repository default. */
export function writeScopes(workflow: Workflow, job: Job): string[] {
  const permissions = job.permissions ?? workflow.permissions;
  if (permissions === undefined) return ['(no permissions declared: the default token may write)'];
  if (typeof permissions === 'string') return permissions === 'read-all' ? [] : [permissions];
  return Object.entries(permissions)
    .filter(([, access]) => access === 'write')
    .map(([scope]) => `${scope}: write`);
}

/**
 * Every job that runs the pull request's code must hold a read-only token and see no secret: not even
 * GITHUB_TOKEN, nor an environment (which brings its own secrets).
 */
export function auditPullRequestCode(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (!runsPullRequestCode(workflow, job)) continue;
    for (const scope of writeScopes(workflow, job)) findings.push({ job: name, reason: `runs PR code with ${scope}` });
    const text = JSON.stringify({ job, env: workflow.env ?? {} });
    for (const match of new Set(text.match(/secrets\.[A-Za-z0-9_]+|github\.token/g) ?? [])) {
      findings.push({ job: name, reason: `runs PR code and can read ${match}` });
    }
    if (job.environment !== undefined) findings.push({ job: name, reason: 'runs PR code in a GitHub environment' });
  }
  return findings;
}

/** pull_request_target runs with a write token and secrets: it must never touch the pull request's head. */
export function auditPullRequestTarget(workflow: Workflow): Finding[] {
  if (!triggers(workflow).includes('pull_request_target')) return [];
  const findings: Finding[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (checksOutPullRequestHead(job))
      findings.push({ job: name, reason: 'pull_request_target checks out the PR head' });
    for (const step of job.steps) {
      if (/refs\/pull\/|gh pr checkout|pull_request\.head\.(?:sha|ref)|head_ref/.test(step.run ?? '')) {
        findings.push({ job: name, reason: `pull_request_target fetches the PR head: ${step.name ?? step.run}` });
      }
    }
  }
  return findings;
}

/** Commands whose failure a script hides: `|| true`, `|| :`, `; true`, `set +e`, continue-on-error. */
export function maskedFailures(workflow: Workflow): Finding[] {
  const findings: Finding[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (job['continue-on-error'] !== undefined) findings.push({ job: name, reason: 'continue-on-error' });
    for (const step of job.steps) {
      if (step['continue-on-error'] !== undefined)
        findings.push({ job: name, reason: 'a step with continue-on-error' });
      for (const line of (step.run ?? '').split('\n')) {
        if (/\|\|\s*(?:true|:)(?=\s|;|$)|;\s*true(?=\s|;|$)|^\s*true\s*$|\bset\s+\+e\b/.test(line)) {
          findings.push({ job: name, reason: `masks a failure: ${line.trim()}` });
        }
      }
    }
  }
  return findings;
}

/**
 * Lines of a script that would run something from the `pr/` folder (the pull request's files, data only): a
 * `cd` into it, a working directory in it, npm/npx/node/a shell pointed at it, or a file of it run directly. Only
 * `mkdir pr` and `git archive … | tar -x -C pr/` may touch it otherwise, and `npx netspec` (the base branch's)
 * may read it as arguments.
 */
export function runsFromPrFolder(step: Step): string[] {
  const found: string[] = [];
  if (/^(?:\.\/)?pr(?:\/|$)/.test(step['working-directory'] ?? ''))
    found.push(`working-directory: ${step['working-directory']}`);
  // Variables holding a pr/ path count as pr/ wherever they are expanded.
  const prVariables = new Set<string>();
  for (const raw of (step.run ?? '').split('\n')) {
    let line = raw.trim();
    for (const name of prVariables) line = line.replace(new RegExp(`"?\\$(?:${name}\\b|\\{${name}\\})"?`, 'g'), 'pr/');
    const assigned = /^(\w+)=["']?(?:\.\/)?pr(?:\/|["']?$)/.exec(line);
    if (assigned) prVariables.add(assigned[1]!);
    if (!/(?:^|[\s"'=(/])(?:\.\/)?pr(?:\/|\b)/.test(line)) continue;
    const intoPr =
      /\b(?:cd|pushd)\s+["']?(?:\.\/)?pr\b/.test(line) ||
      /--prefix[=\s]+["']?(?:\.\/)?pr\b/.test(line) ||
      /\b(?:node|bash|sh|source|exec|npm|yarn|pnpm)\s+[^|;&]*["']?(?:\.\/)?pr\//.test(line) ||
      /(?:^|[;&|]\s*)["']?(?:\.\/)?pr\//.test(line) ||
      /\bnpx\s+(?!netspec\b)/.test(line) ||
      (/-C\s+["']?(?:\.\/)?pr\b/.test(line) && !/^git archive "?\$\w+"? networks \| tar -x -C pr\/$/.test(line));
    if (intoPr) found.push(line);
  }
  return found;
}

/** `${{ expression }}` replaced by a test value: the named one, else `test`. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => values[expression] ?? 'test');
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a step's script as GitHub does with `shell: bash` (`bash --noprofile --norc -eo pipefail`), in `cwd`, with the job's and step's env (expressions
 * substituted) and `bin` first on PATH, where the test puts its stub commands.
 */
export function runStep(
  job: Job,
  step: Step,
  options: { cwd: string; bin: string; values?: Record<string, string>; env?: Record<string, string> },
): StepRun {
  const { script, env } = stepScript(job, step, options);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: options.cwd,
    encoding: 'utf8',
    env,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The step's script file (expressions substituted) and its environment: the job's and step's env, `bin` first. */
function stepScript(
  job: Job,
  step: Step,
  options: { cwd: string; bin: string; values?: Record<string, string>; env?: Record<string, string> },
): { script: string; env: Record<string, string> } {
  const values = options.values ?? {};
  const declared = Object.fromEntries(
    Object.entries({ ...job.env, ...step.env }).map(([key, value]) => [key, substitute(String(value), values)]),
  );
  const script = join(options.bin, '..', 'step.sh');
  writeFileSync(script, substitute(step.run ?? '', values));
  return {
    script,
    env: {
      PATH: `${options.bin}:${process.env.PATH}`,
      HOME: process.env.HOME ?? options.cwd,
      ...declared,
      ...options.env,
    },
  };
}

/** runStep without blocking: for a step whose commands call a test server running in this very process. */
export function runStepAsync(
  job: Job,
  step: Step,
  options: { cwd: string; bin: string; values?: Record<string, string>; env?: Record<string, string> },
): Promise<StepRun> {
  const { script, env } = stepScript(job, step, options);
  return outputOf(spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: options.cwd, env }));
}

/** Writes an executable shell script `name` into `bin`. */
export function stub(bin: string, name: string, body: string): void {
  mkdirSync(bin, { recursive: true });
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}
