import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { type FakeFabricCa, startFakeFabricCa } from '../apply/fabric-ca/_fake-fabric-ca.js';
import {
  EXAMPLE,
  manufacturerCaOptions,
  manufacturerMaterial,
  withManufacturerCa,
} from '../apply/fabric-ca/_supply-chain-copy.js';
import { repoRoot, runCliAsync } from '../helpers/run-cli.js';
import {
  auditPullRequestCode,
  auditPullRequestTarget,
  type Job,
  maskedFailures,
  parseWorkflow,
  runStep,
  runStepAsync,
  runsFromPrFolder,
  type Step,
  stub,
  substitute,
  triggers,
  type Workflow,
} from './workflow-audit.js';

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((name) => name.endsWith('.yml'));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const setupGuide = readFileSync(join(repoRoot, 'docs/github-setup.md'), 'utf8');

function load(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(dir, name), 'utf8');
  return { text, workflow: parseWorkflow(text) };
}

/** `netspec <command> [<subcommand>]` and the `--flags` of each call, as the workflows call it (through npx). */
function netspecCalls(script: string): { command: string; sub: string; flags: string[] }[] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/npx netspec ([a-z-]+)(?: ([a-z-]+))?([^\n|;&]*)/g)].map((m) => ({
    command: m[1]!,
    sub: m[2] ?? '',
    flags: [...(m[3] ?? '').matchAll(/(?:^|\s)(--[a-z0-9-]+)/g)].map((f) => f[1]!),
  }));
}

/** `${{ inner }}`, as a workflow spells an expression. */
function expr(inner: string): string {
  return ['${{', inner, '}}'].join(' ');
}

function step(job: Job, predicate: (step: Step) => boolean, what: string): Step {
  const found = job.steps.find(predicate);
  if (!found) throw new Error(`no step ${what}`);
  return found;
}

// The plan and signatures workflows as they were before the plan/gate split: the PR's code ran with a token that
// could write statuses and comments. The audit must flag both.
const insecurePlan = `
name: netspec plan
on:
  pull_request:
    paths: ["networks/**"]
permissions:
  contents: read
  pull-requests: write
  statuses: write
jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: npx netspec pr status --repo "\${{ github.repository }}" --pr "\${{ github.event.number }}" --bundle b
`;
const insecureSignatures = `
name: netspec signatures
on:
  pull_request_review:
    types: [submitted, dismissed]
jobs:
  status:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: npm ci
`;

describe('GitHub workflows', () => {
  it('ships the workflows of the GitOps loop', () => {
    expect(files.sort()).toEqual(['apply.yml', 'console.yml', 'drift.yml', 'gate.yml', 'plan.yml']);
  });

  it.each(files)('%s parses, runs its scripts with pipefail, and every job has steps', (name) => {
    const { workflow } = load(name);
    expect(workflow.name).toMatch(/^netspec /);
    expect(workflow.on).toBeTruthy();
    // shell: bash is `bash -eo pipefail`; the default shell would let `gh api … | sed` hide a failing gh.
    expect(workflow.defaults).toEqual({ run: { shell: 'bash' } });
    for (const job of Object.values(workflow.jobs)) {
      for (const s of job.steps) expect((s as { shell?: string }).shell, s.name).toBeUndefined();
    }
    for (const job of Object.values(workflow.jobs)) expect(Array.isArray(job.steps)).toBe(true);
  });

  it.each(files)('%s calls only netspec commands that exist', async (name) => {
    const program = await buildProgram();
    const commands = new Map(program.commands.map((command) => [command.name(), command]));
    const { workflow } = load(name);
    const calls = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((step) => netspecCalls(step.run ?? '')),
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const { command, sub, flags } of calls) {
      const found = commands.get(command);
      expect(found, `netspec ${command}`).toBeDefined();
      let target = found!;
      if (found && found.commands.length > 0) {
        expect(
          found.commands.map((c) => c.name()),
          `netspec ${command} ${sub}`,
        ).toContain(sub);
        target = found.commands.find((c) => c.name() === sub)!;
      }
      const known = target.options.map((option) => option.long);
      for (const flag of flags) expect(known, `netspec ${command} ${sub} ${flag}`).toContain(flag);
    }
  });

  it.each(files)('%s references only secrets and variables the README or the GitHub setup guide documents', (name) => {
    const { text } = load(name);
    const names = [...text.matchAll(/(?:secrets|vars)\.([A-Z0-9_]+)/g)].map((m) => m[1]!);
    const section = readme.slice(readme.indexOf('## CI secrets'));
    expect(section.length).toBeGreaterThan(20);
    for (const secret of new Set(names)) expect(section + setupGuide, secret).toContain(`\`${secret}\``);
  });

  it('serialises applies per network and keeps each organization in its own environment', () => {
    const { workflow } = load('apply.yml');
    const jobs = workflow.jobs as Record<string, { concurrency?: { group: string }; environment?: string }>;
    expect(jobs.fabric!.concurrency!.group).toContain('matrix.network');
    expect(jobs.fabric!.environment).toBe('operator');
    expect(jobs.organizations!.environment).toBe(expr('matrix.organization'));
  });
});

describe('least privilege for pull request code', () => {
  it.each(files)('%s: no job running the PR’s code can write or read a secret', (name) => {
    expect(auditPullRequestCode(load(name).workflow)).toEqual([]);
  });

  it('flags the old plan and signatures workflows', () => {
    expect(auditPullRequestCode(parseWorkflow(insecurePlan)).map((finding) => finding.reason)).toEqual([
      'runs PR code with pull-requests: write',
      'runs PR code with statuses: write',
      'runs PR code and can read secrets.GITHUB_TOKEN',
    ]);
    expect(auditPullRequestCode(parseWorkflow(insecureSignatures)).map((finding) => finding.reason)).toEqual([
      'runs PR code with (no permissions declared: the default token may write)',
    ]);
    // A head checkout runs PR code whatever the trigger; github.token is a secret too.
    const headOnPush = insecureSignatures
      .replace('pull_request_review:\n    types: [submitted, dismissed]', 'workflow_dispatch: {}')
      .replace('jobs:', 'permissions: read-all\njobs:')
      .replace('- run: npm ci', `- env: { T: "${expr('github.token')}" }\n        run: echo`);
    expect(auditPullRequestCode(parseWorkflow(headOnPush)).map((finding) => finding.reason)).toEqual([
      'runs PR code and can read github.token',
    ]);
  });

  it('the plan workflow runs on pull requests and reviews, read-only, one run per pull request', () => {
    const { workflow } = load('plan.yml');
    expect(triggers(workflow).sort()).toEqual(['pull_request', 'pull_request_review']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(JSON.stringify(workflow)).not.toMatch(/secrets\.|github\.token/);
    const concurrency = (workflow as unknown as { concurrency: { group: string } }).concurrency;
    expect(concurrency.group).toContain('github.event.pull_request.number');
    const upload = step(workflow.jobs.plan!, (s) => (s.uses ?? '').startsWith('actions/upload-artifact'), 'upload');
    expect(upload.with?.name).toBe('netspec-pr');
  });

  it.each(files)('%s never uses pull_request_target with the PR head', (name) => {
    expect(auditPullRequestTarget(load(name).workflow)).toEqual([]);
  });

  it('flags pull_request_target with a checkout of the PR head', () => {
    const target = insecureSignatures.replace(
      'pull_request_review:\n    types: [submitted, dismissed]',
      'pull_request_target: {}',
    );
    expect(auditPullRequestTarget(parseWorkflow(target))).toEqual([
      { job: 'status', reason: 'pull_request_target checks out the PR head' },
    ]);
    const fetched = `
name: t
on: pull_request_target
jobs:
  j:
    steps:
      - run: git fetch origin "refs/pull/1/head"
`;
    expect(auditPullRequestTarget(parseWorkflow(fetched))).toHaveLength(1);
  });
});

describe('the gate', () => {
  const { workflow } = load('gate.yml');
  const gate = workflow.jobs.gate!;

  it('runs after the plan workflow, with base-branch code and the write token', () => {
    expect(workflow.on).toEqual({ workflow_run: { workflows: ['netspec plan'], types: ['completed'] } });
    expect(gate.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
      statuses: 'write',
      actions: 'read',
    });
    const checkouts = gate.steps.filter((s) => (s.uses ?? '').startsWith('actions/checkout'));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]!.with).toEqual({ 'persist-credentials': false });
    const download = step(gate, (s) => (s.uses ?? '').startsWith('actions/download-artifact@v4'), 'download');
    expect(download.with).toMatchObject({
      name: 'netspec-pr',
      'run-id': expr('github.event.workflow_run.id'),
      'github-token': expr('github.token'),
    });
    const concurrency = (workflow as unknown as { concurrency: { group: string; 'cancel-in-progress': boolean } })
      .concurrency;
    expect(concurrency.group).toMatch(/^netspec-gate-/);
    expect(concurrency['cancel-in-progress']).toBe(true);
  });

  it('checks pr.json against the run and the pull request', () => {
    const check = step(gate, (s) => s.id === 'pr', 'pr').run!;
    expect(check).toContain('"$head_sha" != "$RUN_HEAD_SHA"');
    expect(check).toContain('gh api "repos/$REPO/pulls/$number"');
    expect(check).toContain('.head.sha');
    expect(step(gate, (s) => s.id === 'pr', 'pr').env!.RUN_HEAD_SHA).toBe(expr('github.event.workflow_run.head_sha'));
  });

  it('takes the PR’s files as data: only git archive and tar touch pr/', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const s of job.steps) expect(runsFromPrFolder(s), `${name}: ${s.name ?? s.uses ?? s.run}`).toEqual([]);
    }
    const fetch = step(gate, (s) => s.id === 'fetch', 'fetch').run!;
    expect(fetch).toContain('fetch --no-tags --depth=1 origin "+refs/pull/$N/head"');
    expect(fetch).toContain('git archive "$HEAD_SHA" networks | tar -x -C pr/');
  });

  it('the pr/ rule flags a step that runs something from pr/', () => {
    const flagged = [
      'cd pr && npm ci',
      'npm ci --prefix pr',
      'node pr/networks/x/evil.js',
      './pr/networks/x/run.sh',
      'dir="pr/networks/x"\ncd "$dir"',
      'npx --yes something pr/x',
      'tar -x -C pr/ < other.tar && sh pr/x.sh',
    ];
    for (const run of flagged) expect(runsFromPrFolder({ run }), run).not.toEqual([]);
    expect(runsFromPrFolder({ run: 'npm test', 'working-directory': 'pr/networks' })).not.toEqual([]);
    expect(
      runsFromPrFolder({ run: 'b="pr/networks/x/bundle"\nnpx netspec verify "$b" --spec pr/networks/x/network.yaml' }),
    ).toEqual([]);
  });

  it.each(files)('%s masks no failure (no || true, ; true, set +e, continue-on-error)', (name) => {
    expect(maskedFailures(load(name).workflow)).toEqual([]);
  });

  it('the masking rule flags what it should', () => {
    const masked = parseWorkflow(`
name: t
on: push
jobs:
  j:
    steps:
      - run: git push || true
      - run: |
          npx netspec verify b; true
      - run: 'npx netspec verify b || :'
`);
    expect(maskedFailures(masked)).toHaveLength(3);
  });

  it('a failing plan run fails the signatures status', () => {
    const failed = workflow.jobs['plan-failed']!;
    expect(failed.if).toContain("conclusion != 'success'");
    expect(failed.permissions).toEqual({ statuses: 'write' });
    const run = failed.steps[0]!.run!;
    expect(run).toContain('state=failure');
    expect(run).toContain('context=netspec/signatures');
    expect(JSON.stringify(failed)).not.toMatch(/npm|npx|checkout/);
  });
});

/** A scratch folder with stub `npx` and `gh` on PATH; `npx netspec <cmd>` exits with the code the test chooses. */
function scratch(): { root: string; bin: string; runner: string; log: string } {
  const root = mkdtempSync(join(tmpdir(), 'netspec-workflow-'));
  const bin = join(root, 'bin');
  const runner = join(root, 'runner');
  mkdirSync(runner);
  const log = join(root, 'calls.log');
  // Exit codes per network: VERIFY_<network> and PR_STATUS_<network> (default 0).
  stub(
    bin,
    'npx',
    `echo "npx $*" >> "${log}"
network=$(echo "$*" | sed -n 's#.*networks/\\([a-z]*\\)/\\(bundle\\|network.yaml\\).*#\\1#p')
case "$1 $2" in
  "netspec verify") eval "exit \\\${VERIFY_$network:-0}" ;;
  "netspec pr") eval "exit \\\${PR_STATUS_$network:-0}" ;;
  "netspec plan") eval "exit \\\${PLAN_$network:-0}" ;;
  "netspec fetch") eval "exit \\\${FETCH_$network:-0}" ;;
esac
exit 0`,
  );
  stub(bin, 'gh', `echo "gh $*" >> "${log}"`);
  stub(bin, 'sleep', 'exit 0');
  return { root, bin, runner, log };
}

/** The JSON lines netspec prints in CI. */
function eventsOf(stdout: string): { event: string; path?: string }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/** Every file under `folder`, relative to it, sorted; none when it does not exist. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true }) as string[])
    .filter((path) => statSync(join(folder, path)).isFile())
    .sort();
}

function calls(log: string): string[] {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('the gate fetches the pull request’s networks as data', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const gate = load('gate.yml').workflow.jobs.gate!;
  const fetchStep = step(gate, (s) => s.id === 'fetch', 'fetch');

  /** An origin with main and refs/pull/7/head, and the gate's shallow checkout of main. */
  function setup(change: (author: string) => void) {
    const s = scratch();
    folders.push(s.root);
    const git = (cwd: string, ...args: string[]) => {
      const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout.trim();
    };
    const origin = join(s.root, 'origin.git');
    const author = join(s.root, 'author');
    const work = join(s.root, 'work');
    git(s.root, 'init', '-q', '--bare', '-b', 'main', origin);
    git(s.root, 'clone', '-q', origin, author);
    git(author, 'checkout', '-q', '-b', 'main');
    mkdirSync(join(author, 'networks/alpha/state'), { recursive: true });
    writeFileSync(join(author, 'networks/alpha/network.yaml'), 'base\n');
    writeFileSync(join(author, 'networks/alpha/state/live.json'), 'base state\n');
    git(author, 'add', '.');
    git(author, 'commit', '-q', '-m', 'base');
    git(author, 'push', '-q', 'origin', 'main');
    change(author);
    git(author, 'add', '-A');
    git(author, 'commit', '-q', '-m', 'proposal');
    git(author, 'push', '-q', 'origin', 'HEAD:refs/pull/7/head');
    const head = git(author, 'rev-parse', 'HEAD');
    git(s.root, 'clone', '-q', '--depth=1', `file://${origin}`, work);
    const base = git(work, 'rev-parse', 'HEAD');
    const output = join(s.root, 'output');
    const run = (headSha = head) =>
      runStep(gate, fetchStep, {
        cwd: work,
        bin: s.bin,
        values: {
          'steps.pr.outputs.number': '7',
          'steps.pr.outputs.head_sha': headSha,
          'steps.pr.outputs.base_sha': base,
          'github.server_url': 'https://github.com',
          'github.token': 'test-token',
        },
        env: { GITHUB_OUTPUT: output },
      });
    return { run, work, base, git, output };
  }

  it('unpacks the head’s networks/ into a worktree of the base, leaving the base’s state alone', () => {
    const { run, work, base, git } = setup((author) => {
      writeFileSync(join(author, 'networks/alpha/network.yaml'), 'proposed\n');
      writeFileSync(join(author, 'networks/alpha/state/live.json'), 'forged state\n');
      mkdirSync(join(author, 'networks/alpha/bundle'));
      writeFileSync(join(author, 'networks/alpha/bundle/plan.json'), '{}\n');
    });
    const result = run();
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(work, 'pr/networks/alpha/network.yaml'), 'utf8')).toBe('proposed\n');
    expect(readFileSync(join(work, 'pr/networks/alpha/bundle/plan.json'), 'utf8')).toBe('{}\n');
    expect(readFileSync(join(work, 'networks/alpha/state/live.json'), 'utf8')).toBe('base state\n');
    expect(readFileSync(join(work, 'networks/alpha/network.yaml'), 'utf8')).toBe('base\n');
    // netspec reads the approvers from the same path at the base commit.
    expect(git(join(work, 'pr/networks/alpha'), 'rev-parse', 'HEAD', '--show-prefix').split('\n')).toEqual([
      base,
      'networks/alpha/',
    ]);
    expect(git(join(work, 'pr'), 'show', `${base}:networks/alpha/network.yaml`)).toBe('base');
  });

  it('refuses symbolic links in the pull request’s networks/', () => {
    const { run, work } = setup((author) => {
      mkdirSync(join(author, 'networks/alpha/bundle'));
      symlinkSync('../../../.git/config', join(author, 'networks/alpha/bundle/plan.md'));
    });
    const result = run();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('symbolic links or submodules: networks/alpha/bundle/plan.md');
    expect(() => readdirSync(join(work, 'pr'))).toThrow();
  });

  it('skips a run whose pull request has moved on', () => {
    const { run, work, output } = setup((author) => {
      writeFileSync(join(author, 'networks/alpha/network.yaml'), 'proposed\n');
    });
    const result = run('c'.repeat(40));
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('skip=true\n');
    expect(() => readdirSync(join(work, 'pr'))).toThrow();
  });
});

describe('exit statuses of netspec verify are never lost', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  const gateWorkflow = load('gate.yml').workflow;
  const gate = gateWorkflow.jobs.gate!;
  const recount = step(gate, (s) => /netspec verify/.test(s.run ?? ''), 'running netspec verify');
  const values = {
    'steps.pr.outputs.number': '7',
    'steps.pr.outputs.head_sha': 'a'.repeat(40),
    'steps.pr.outputs.base_sha': 'b'.repeat(40),
    'github.repository': 'acme/consortium',
    'github.token': 'test-token',
  };

  /** Runs the gate's recount with bundles for `bundled` networks and `changed` listed as the PR's networks. */
  function recountWith(changed: string[], bundled: string[], codes: Record<string, string>) {
    const s = scratch();
    folders.push(s.root);
    for (const network of bundled) {
      mkdirSync(join(s.root, 'pr/networks', network, 'bundle'), { recursive: true });
      writeFileSync(join(s.root, 'pr/networks', network, 'bundle/plan.json'), '{}');
    }
    writeFileSync(join(s.runner, 'networks.txt'), changed.map((name) => `${name}\n`).join(''));
    const result = runStep(gate, recount, {
      cwd: s.root,
      bin: s.bin,
      values,
      env: { ...codes, RUNNER_TEMP: s.runner, GITHUB_OUTPUT: join(s.root, 'output') },
    });
    return { ...result, calls: calls(s.log) };
  }

  it('a failing verify fails the gate even when pr status exits 0', () => {
    const result = recountWith(['alpha'], ['alpha'], { VERIFY_alpha: '1', PR_STATUS_alpha: '0' });
    expect(result.code, result.stdout + result.stderr).not.toBe(0);
    expect(result.calls).toContainEqual(expect.stringMatching(/^npx netspec verify pr\/networks\/alpha\/bundle /));
    expect(result.calls).toContainEqual(
      expect.stringMatching(/^npx netspec pr status --repo acme\/consortium --pr 7 .*--base b{40}$/),
    );
    // The one netspec/signatures status ends as a failure, whatever pr status set.
    expect(result.calls.at(-1)).toMatch(
      /^gh api --method POST repos\/acme\/consortium\/statuses\/a{40} .*state=failure/,
    );
  });

  it('a failing pr status fails the gate', () => {
    expect(recountWith(['alpha'], ['alpha'], { PR_STATUS_alpha: '1' }).code).not.toBe(0);
    expect(recountWith(['alpha'], ['alpha'], { VERIFY_alpha: '127' }).code).not.toBe(0);
  });

  it('waiting (exit 2) is not a failure of the job', () => {
    const result = recountWith(['alpha'], ['alpha'], { VERIFY_alpha: '2', PR_STATUS_alpha: '2' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.calls.filter((call) => call.startsWith('gh '))).toEqual([]);
  });

  it('a later network that is satisfied does not hide an earlier failure', () => {
    const result = recountWith(['alpha', 'beta'], ['alpha', 'beta'], { VERIFY_alpha: '1', PR_STATUS_alpha: '1' });
    expect(result.code).not.toBe(0);
    expect(result.calls.map((call) => call.split(' ').slice(0, 4).join(' '))).toEqual([
      'npx netspec verify pr/networks/alpha/bundle',
      'npx netspec pr status',
      'npx netspec verify pr/networks/beta/bundle',
      'npx netspec pr status',
      'gh api --method POST',
    ]);
    expect(result.calls.at(-1)).toContain('state=failure');
  });

  it('a waiting network is not hidden by a later satisfied one', () => {
    const result = recountWith(['alpha', 'beta'], ['alpha', 'beta'], { VERIFY_alpha: '2', PR_STATUS_alpha: '2' });
    expect(result.code).toBe(0);
    expect(result.calls.at(-1)).toContain('state=pending');
  });

  it('a changed network without its bundle fails; no changed network is a success', () => {
    const missing = recountWith(['alpha'], [], {});
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toContain('networks/alpha changes without its plan bundle');
    const none = recountWith([], [], {});
    expect(none.code).toBe(0);
    expect(none.calls).toEqual([expect.stringMatching(/state=success/)]);
  });

  it('apply stops when verify exits 1 (invalid) or 2 (signatures missing)', () => {
    const apply = load('apply.yml').workflow.jobs.fabric!;
    const verify = step(apply, (s) => /netspec verify/.test(s.run ?? ''), 'running netspec verify');
    for (const code of ['1', '2', '0']) {
      const s = scratch();
      folders.push(s.root);
      const result = runStep(apply, verify, {
        cwd: s.root,
        bin: s.bin,
        values: { 'matrix.network': 'alpha' },
        env: { VERIFY_alpha: code },
      });
      expect(result.code, `verify exited ${code}`).toBe(Number(code));
      expect(calls(s.log)).toEqual([
        'npx netspec verify networks/alpha/bundle --spec networks/alpha/network.yaml --state networks/alpha/state',
      ]);
    }
  });
});

describe('the plan workflow', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const job = load('plan.yml').workflow.jobs.plan!;
  const planStep = step(job, (s) => /netspec plan/.test(s.run ?? ''), 'running netspec plan');

  function planWith(codes: Record<string, string>) {
    const s = scratch();
    folders.push(s.root);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: s.root, encoding: 'utf8' }).stdout.trim();
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    mkdirSync(join(s.root, 'networks/alpha'), { recursive: true });
    writeFileSync(join(s.root, 'networks/alpha/network.yaml'), 'name: alpha\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'alpha');
    const options = {
      cwd: s.root,
      bin: s.bin,
      values: {
        'github.event.pull_request.number': '7',
        'github.event.pull_request.head.sha': git('rev-parse', 'HEAD'),
        'github.event.pull_request.base.sha': base,
      },
      env: { ...codes, RUNNER_TEMP: s.runner },
    };
    const recorded = runStep(job, job.steps[0]!, options);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(s.runner, 'netspec-pr/pr.json'), 'utf8'))).toEqual({
      number: 7,
      head_sha: git('rev-parse', 'HEAD'),
      base_sha: base,
    });
    const result = runStep(job, planStep, options);
    return { ...result, calls: calls(s.log) };
  }

  it('fails when validate or plan fails, and passes with changes (exit 2)', () => {
    const changes = planWith({ PLAN_alpha: '2' });
    expect(changes.code, changes.stderr).toBe(0);
    expect(changes.calls).toEqual([
      'npx netspec validate networks/alpha/network.yaml',
      expect.stringMatching(/^npx netspec plan networks\/alpha\/network.yaml --out .*\/netspec-pr\/plans\/alpha /),
    ]);
    expect(planWith({ PLAN_alpha: '1' }).code).not.toBe(0);
  });
});

describe('the apply workflow', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const { workflow } = load('apply.yml');
  const USERS_RECORD =
    '{\n  "users": [\n    {\n      "name": "factory-app",\n      "type": "client",\n      "attributes": {}\n    }\n  ]\n}\n';
  /** A Quorum record whose transitions an organization's apply --k8s wrote. */
  const quorumRecord = (blockPeriod: number) =>
    `{"blockNumber": 1, "transitions": [{"block": 9, "blockperiodseconds": ${blockPeriod}}]}\n`;

  /**
   * What upload-artifact and download-artifact (a pattern, without merge-multiple) do between an apply job's
   * runner and the record job's: the uploaded folder lands in the download path, in a folder named after the
   * artifact. Names and paths are the workflow's own.
   */
  function handOver(uploader: Job, values: Record<string, string>, fromTemp: string, toTemp: string): void {
    const upload = step(uploader, (s) => (s.uses ?? '').startsWith('actions/upload-artifact'), 'upload');
    const download = step(
      workflow.jobs.record!,
      (s) => (s.uses ?? '').startsWith('actions/download-artifact'),
      'download',
    );
    const name = substitute(String(upload.with?.name), values);
    expect(name.startsWith(String(download.with?.pattern).replace(/\*$/, ''))).toBe(true);
    const from = substitute(String(upload.with?.path), { ...values, 'runner.temp': fromTemp });
    const to = substitute(String(download.with?.path), { 'runner.temp': toTemp });
    if (existsSync(from)) cpSync(from, join(to, name), { recursive: true });
  }

  it('lists changed networks from the push’s first commit, not HEAD~1', () => {
    const changed = step(workflow.jobs.networks!, (s) => s.id === 'changed', 'changed');
    expect(changed.env).toEqual({ BEFORE: expr('github.event.before'), AFTER: expr('github.sha') });
    expect(changed.run).toContain('git diff --name-only "$BEFORE" "$AFTER" -- networks');
    expect(changed.run).not.toContain('HEAD~1');
  });

  it('emits every organization of a changed network with a bundle, the operator’s included', () => {
    const s = scratch();
    folders.push(s.root);
    mkdirSync(join(s.root, 'networks/supply-chain/bundle'), { recursive: true });
    writeFileSync(join(s.root, 'networks/supply-chain/bundle/plan.json'), '{}');
    writeFileSync(
      join(s.root, 'networks/supply-chain/network.yaml'),
      readFileSync(join(repoRoot, 'networks/supply-chain/network.yaml')),
    );
    mkdirSync(join(s.root, 'networks/quickstart'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(s.root, 'node_modules'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: s.root, encoding: 'utf8' });
    git('init', '-q');
    const output = join(s.root, 'output');
    const changed = step(workflow.jobs.networks!, (x) => x.id === 'changed', 'changed');
    // An all-zero `before` (a new branch): every network with a bundle.
    const result = runStep(workflow.jobs.networks!, changed, {
      cwd: s.root,
      bin: s.bin,
      values: { 'github.event.before': '0'.repeat(40), 'github.sha': 'HEAD' },
      env: { GITHUB_OUTPUT: output },
    });
    expect(result.code, result.stderr).toBe(0);
    const lines = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), JSON.parse(line.slice(line.indexOf('=') + 1))]),
    );
    expect(lines.fabric).toEqual([{ network: 'supply-chain', operator: 'operator' }]);
    expect(lines.organizations).toEqual(
      ['operator', 'manufacturer', 'distributor', 'retailer'].map((organization) => ({
        network: 'supply-chain',
        organization,
      })),
    );
    const jobs = workflow.jobs as unknown as Record<string, { strategy: { matrix: { include: string } } }>;
    expect(jobs.organizations!.strategy.matrix.include).toBe(expr('fromJson(needs.networks.outputs.organizations)'));
  });

  it('jobs holding an organization’s keys cannot write to the repository', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (name === 'record') continue;
      expect(job.permissions, name).toEqual({ contents: 'read' });
      for (const s of job.steps.filter((x) => (x.uses ?? '').startsWith('actions/checkout'))) {
        expect(s.with?.['persist-credentials'], name).toBe(false);
      }
    }
    const record = workflow.jobs.record!;
    expect(record.environment).toBe('netspec-records');
    expect(record.permissions).toEqual({ contents: 'write' });
    expect(JSON.stringify(record)).not.toMatch(/\bnpm\b|\bnpx\b|\bnode\b/);
  });

  describe('records what was applied in git, retrying, and fails when it cannot', () => {
    const organizations = workflow.jobs.organizations!;
    const keep = step(organizations, (s) => /Keep what this organization applied/.test(s.name ?? ''), 'keep');
    const record = workflow.jobs.record!;
    const commit = step(record, (s) => /Commit the records/.test(s.name ?? ''), 'commit');

    function repository(rejectPushes: boolean) {
      const s = scratch();
      folders.push(s.root);
      const git = (cwd: string, ...args: string[]) => {
        const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
          cwd,
          encoding: 'utf8',
        });
        if (result.status !== 0) throw new Error(result.stderr);
        return result.stdout;
      };
      const origin = join(s.root, 'origin.git');
      const other = join(s.root, 'other');
      const applier = join(s.root, 'applier');
      const recorder = join(s.root, 'recorder');
      git(s.root, 'init', '-q', '--bare', '-b', 'main', origin);
      git(s.root, 'clone', '-q', origin, other);
      git(other, 'checkout', '-q', '-b', 'main');
      mkdirSync(join(other, 'networks/alpha/state/k8s/manufacturer'), { recursive: true });
      mkdirSync(join(other, 'networks/alpha/applied'), { recursive: true });
      writeFileSync(join(other, 'networks/alpha/network.yaml'), 'name: alpha\n');
      writeFileSync(join(other, 'networks/alpha/applied/production-2.json'), '{}\n');
      writeFileSync(join(other, 'networks/alpha/state/k8s/manufacturer/old.yaml'), 'old\n');
      writeFileSync(join(other, 'networks/alpha/state/k8s/manufacturer/kept.yaml'), 'kept\n');
      mkdirSync(join(other, 'networks/alpha/state/users'), { recursive: true });
      writeFileSync(join(other, 'networks/alpha/state/users/manufacturer.json'), '{"users": []}\n');
      writeFileSync(join(other, 'networks/alpha/state/users/distributor.json'), '{"users": []}\n');
      mkdirSync(join(other, 'networks/alpha/state/quorum'), { recursive: true });
      for (const name of ['payments', 'ledger'])
        writeFileSync(join(other, `networks/alpha/state/quorum/${name}.json`), '{"blockNumber": 1}\n');
      writeFileSync(join(other, 'networks/alpha/state/quorum/notes.txt'), 'notes\n');
      git(other, 'add', '.');
      git(other, 'commit', '-q', '-m', 'alpha');
      git(other, 'push', '-q', 'origin', 'main');
      git(s.root, 'clone', '-q', origin, applier);
      git(s.root, 'clone', '-q', origin, recorder);
      // Someone else pushes after the record job checked out: its first push is refused as not fast-forward.
      writeFileSync(join(other, 'networks/alpha/other.txt'), 'other\n');
      git(other, 'add', '.');
      git(other, 'commit', '-q', '-m', 'other');
      git(other, 'push', '-q', 'origin', 'main');
      if (rejectPushes) stub(join(origin, 'hooks'), 'pre-receive', 'exit 1');
      // What the organization's apply wrote: a chaincode record, and its k8s state rewritten (old.yaml gone).
      writeFileSync(join(applier, 'networks/alpha/applied/production-chaincode-cc-1-manufacturer.json'), '{}\n');
      rmSync(join(applier, 'networks/alpha/state/k8s/manufacturer/old.yaml'));
      writeFileSync(join(applier, 'networks/alpha/state/k8s/manufacturer/new.yaml'), 'new\n');
      // ... and the users apply --users converged; the other organization's record is not its own to send.
      writeFileSync(join(applier, 'networks/alpha/state/users/manufacturer.json'), USERS_RECORD);
      writeFileSync(join(applier, 'networks/alpha/state/users/distributor.json'), USERS_RECORD);
      // ... and the transitions its rollout put in place in a Quorum record; nothing else of state/quorum/ goes.
      writeFileSync(join(applier, 'networks/alpha/state/quorum/payments.json'), quorumRecord(2));
      writeFileSync(join(applier, 'networks/alpha/state/quorum/notes.txt'), 'changed\n');
      const values = { 'matrix.network': 'alpha', 'matrix.organization': 'manufacturer' };
      const applierTemp = join(s.root, 'applier-temp');
      mkdirSync(applierTemp);
      const kept = runStep(organizations, keep, {
        cwd: applier,
        bin: s.bin,
        values,
        env: { RUNNER_TEMP: applierTemp },
      });
      expect(kept.code, kept.stderr).toBe(0);
      expect(filesUnder(join(applierTemp, 'record'))).toEqual([
        'networks/alpha/applied/production-chaincode-cc-1-manufacturer.json',
        'networks/alpha/state/k8s/manufacturer/kept.yaml',
        'networks/alpha/state/k8s/manufacturer/new.yaml',
        'networks/alpha/state/quorum/payments.json',
        'networks/alpha/state/users/manufacturer.json',
      ]);
      handOver(organizations, values, applierTemp, s.runner);
      // An artifact of another organization's job holding the manufacturer's state: never recorded.
      const foreign = join(s.runner, 'record/netspec-record_alpha_distributor/networks/alpha/state');
      mkdirSync(join(foreign, 'users'), { recursive: true });
      mkdirSync(join(foreign, 'k8s/manufacturer'), { recursive: true });
      writeFileSync(join(foreign, 'users/manufacturer.json'), '{"users": [{"name": "forged", "type": "admin"}]}\n');
      writeFileSync(join(foreign, 'k8s/manufacturer/forged.yaml'), 'forged\n');
      // Quorum records belong to no one organization: one all artifacts agree on is recorded, one they do not is
      // left as it was, and the operator's Fabric job never sends one.
      const quorumIn = (artifact: string, name: string, text: string) => {
        const folder = join(s.runner, `record/${artifact}/networks/alpha/state/quorum`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, `${name}.json`), text);
      };
      quorumIn('netspec-record_alpha_distributor', 'payments', quorumRecord(2));
      quorumIn('netspec-record_alpha_distributor', 'ledger', quorumRecord(2));
      quorumIn('netspec-record_alpha_retailer', 'ledger', quorumRecord(3));
      quorumIn('netspec-record_alpha', 'payments', quorumRecord(1));
      const recorded = () =>
        runStep(record, commit, {
          cwd: recorder,
          bin: s.bin,
          values: { 'github.ref_name': 'main' },
          env: { RUNNER_TEMP: s.runner },
        });
      return { recorded, origin, git };
    }

    it('sends only new records, rebases onto what others pushed and pushes', () => {
      const { recorded, origin, git } = repository(false);
      const result = recorded();
      expect(result.code, result.stderr).toBe(0);
      expect(git(origin, 'log', '--format=%s', 'main').trim().split('\n')).toEqual([
        'netspec: applied alpha',
        'other',
        'alpha',
      ]);
      expect(git(origin, 'show', '--name-status', '--format=', 'main').trim().split('\n')).toEqual([
        'A\tnetworks/alpha/applied/production-chaincode-cc-1-manufacturer.json',
        'A\tnetworks/alpha/state/k8s/manufacturer/new.yaml',
        'D\tnetworks/alpha/state/k8s/manufacturer/old.yaml',
        'M\tnetworks/alpha/state/quorum/payments.json',
        'M\tnetworks/alpha/state/users/manufacturer.json',
      ]);
      expect(git(origin, 'show', 'main:networks/alpha/state/users/manufacturer.json')).toBe(USERS_RECORD);
      expect(git(origin, 'show', 'main:networks/alpha/state/quorum/payments.json')).toBe(quorumRecord(2));
      expect(result.stdout).toContain(
        '::warning::netspec-record_alpha_distributor and netspec-record_alpha_retailer hold different networks/alpha/state/quorum/ledger.json: not recorded',
      );
      expect(result.stdout).toContain(
        '::warning::netspec-record_alpha holds networks/alpha/state/quorum/payments.json: not recorded',
      );
      expect(result.stdout).toContain(
        '::warning::netspec-record_alpha_distributor holds the Kubernetes state of manufacturer in alpha: not recorded',
      );
      expect(result.stdout).toContain(
        '::warning::netspec-record_alpha_distributor holds a users record of manufacturer in alpha: not recorded',
      );
    });

    it('downloads each artifact into its own folder, so an organization’s state is taken from its own job only', () => {
      const download = step(record, (s) => (s.uses ?? '').startsWith('actions/download-artifact'), 'download');
      expect(download.with).toEqual({ pattern: 'netspec-record_*', path: expr('runner.temp') + '/record' });
      const upload = step(organizations, (s) => (s.uses ?? '').startsWith('actions/upload-artifact'), 'upload');
      expect(upload.with?.name).toBe(`netspec-record_${expr('matrix.network')}_${expr('matrix.organization')}`);
    });

    it('names no two jobs’ artifacts alike, whatever the network and organization names', () => {
      const fabricUpload = step(
        workflow.jobs.fabric!,
        (s) => (s.uses ?? '').startsWith('actions/upload-artifact'),
        'up',
      );
      const orgUpload = step(organizations, (s) => (s.uses ?? '').startsWith('actions/upload-artifact'), 'upload');
      const name = (job: Step, network: string, organization?: string) =>
        substitute(String(job.with?.name), {
          'matrix.network': network,
          ...(organization ? { 'matrix.organization': organization } : {}),
        });
      // With '-' between the parts, network a-b's organization c and network a's organization b-c met, and an
      // organization called fabric took the operator job's name.
      const names = [
        name(orgUpload, 'a-b', 'c'),
        name(orgUpload, 'a', 'b-c'),
        name(orgUpload, 'a', 'fabric'),
        name(fabricUpload, 'a'),
        name(fabricUpload, 'a-b'),
      ];
      expect(new Set(names).size).toBe(names.length);
    });

    it('fails the job after five refused pushes', () => {
      const result = repository(true).recorded();
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('attempt 5 of 5 failed');
      expect(result.stdout).toContain('could not be pushed');
    });
  });

  describe('converges each organization’s application users', () => {
    const organizations = workflow.jobs.organizations!;
    const usesUsers = (s: Step) => netspecCalls(s.run ?? '').some((call) => call.flags.includes('--users'));
    const users = step(organizations, usesUsers, 'running netspec apply --users');
    const keep = step(organizations, (s) => /Keep what this organization applied/.test(s.name ?? ''), 'keep');
    const secretsOf = (value: unknown) =>
      [...JSON.stringify(value ?? {}).matchAll(/secrets(\.[A-Za-z0-9_]+|\[)/g)].map((m) => m[1]!);

    it('only in the organization’s own environment job, with that environment’s CA admin secrets', () => {
      const jobsWithUsers = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some(usesUsers));
      expect(jobsWithUsers.map(([name]) => name)).toEqual(['organizations']);
      expect(organizations.environment).toBe(expr('matrix.organization'));
      expect(users.env).toEqual({
        NETSPEC_CA_ADMIN_CERT: expr('secrets.NETSPEC_CA_ADMIN_CERT'),
        NETSPEC_CA_ADMIN_KEY: expr('secrets.NETSPEC_CA_ADMIN_KEY'),
      });
      // Secrets come from the job's environment, the organization's own: named plainly, never looked up by an
      // expression (secrets[...]) that could reach another's.
      expect(new Set(secretsOf(organizations))).toEqual(
        new Set([
          '.NETSPEC_ADMIN_CERT',
          '.NETSPEC_ADMIN_KEY',
          '.NETSPEC_KUBECONFIG',
          '.NETSPEC_CA_ADMIN_CERT',
          '.NETSPEC_CA_ADMIN_KEY',
        ]),
      );
      expect(secretsOf(workflow.jobs.record)).toEqual(['.NETSPEC_RECORDS_APP_KEY']);
      expect(secretsOf(workflow.jobs.fabric)).not.toContain('.NETSPEC_CA_ADMIN_KEY');
      expect(secretsOf(workflow.env)).toEqual([]);
      // After the apply that verifies the bundle (plan.json with it), and never when an earlier step failed.
      const verifying = organizations.steps.findIndex((s) =>
        netspecCalls(s.run ?? '').some(
          (call) => call.command === 'apply' && !call.flags.some((f) => ['--users', '--k8s', '--quorum'].includes(f)),
        ),
      );
      expect(verifying).toBeGreaterThanOrEqual(0);
      expect(organizations.steps.indexOf(users)).toBeGreaterThan(verifying);
      expect(users.if).toBeUndefined();
      // The one folder uploaded is the record folder; enrolled identities go elsewhere.
      const upload = step(organizations, (s) => (s.uses ?? '').startsWith('actions/upload-artifact'), 'upload');
      expect(upload.with?.path).toBe(`${expr('runner.temp')}/record/`);
      const enrollOut = /--enroll-out "([^"]+)"/.exec(users.run ?? '')?.[1];
      expect(enrollOut).toBe('$RUNNER_TEMP/enrolled');
    });

    const KEY = '-----BEGIN PRIVATE KEY-----\nnot-a-real-key-but-secret\n-----END PRIVATE KEY-----\n';
    function usersStepWith(plan: unknown, organization: string, secrets = { cert: 'CERT', key: KEY }) {
      const s = scratch();
      folders.push(s.root);
      mkdirSync(join(s.root, 'networks/alpha/bundle'), { recursive: true });
      writeFileSync(join(s.root, 'networks/alpha/bundle/plan.json'), JSON.stringify(plan));
      // What netspec would find when it runs: the CA admin key and the folder for enrolled identities.
      const seen = join(s.root, 'seen');
      stub(
        s.bin,
        'npx',
        `echo "npx $*" >> "${s.log}"\nstat -c %a "$RUNNER_TEMP/ca-admin-key.pem" "$RUNNER_TEMP/enrolled" > "${seen}.modes"\ncat "$RUNNER_TEMP/ca-admin-key.pem" > "${seen}.key"`,
      );
      const result = runStep(organizations, users, {
        cwd: s.root,
        bin: s.bin,
        values: {
          'matrix.network': 'alpha',
          'matrix.organization': organization,
          'secrets.NETSPEC_CA_ADMIN_CERT': secrets.cert,
          'secrets.NETSPEC_CA_ADMIN_KEY': secrets.key,
        },
        env: { RUNNER_TEMP: s.runner },
      });
      return { ...result, calls: calls(s.log), runner: s.runner, seen };
    }
    const plan = {
      users: [
        { organization: 'manufacturer', record: 'users/manufacturer.json', users: [{ user: 'a', action: 'noop' }] },
        { organization: 'distributor', users: [{ user: 'b', action: 'create' }] },
        { organization: 'retailer', record: 'users/retailer.json', users: [{ user: 'c', action: 'remove' }] },
      ],
    };

    it('runs apply --users only when the plan changes this organization’s users', () => {
      for (const organization of ['distributor', 'retailer']) {
        const result = usersStepWith(plan, organization);
        expect(result.code, result.stderr).toBe(0);
        expect(result.calls).toEqual([
          `npx netspec apply networks/alpha/bundle --users --org ${organization} --admin-cert ${result.runner}/ca-admin-cert.pem --admin-key ${result.runner}/ca-admin-key.pem --enroll-out ${result.runner}/enrolled`,
        ]);
        // The CA admin key and the enrolled identities' folder: this job's only, never echoed, gone after the step.
        expect(readFileSync(`${result.seen}.key`, 'utf8')).toBe(KEY);
        expect(readFileSync(`${result.seen}.modes`, 'utf8')).toBe('600\n700\n');
        expect(existsSync(join(result.runner, 'ca-admin-key.pem'))).toBe(false);
        expect(existsSync(join(result.runner, 'enrolled'))).toBe(false);
        expect(result.stdout + result.stderr).not.toContain('not-a-real-key');
      }
      for (const [input, organization] of [
        [plan, 'manufacturer'],
        [plan, 'operator'],
        [{ channels: [] }, 'distributor'],
      ] as const) {
        const result = usersStepWith(input, organization);
        expect(result.code, result.stderr).toBe(0);
        expect(result.calls).toEqual([]);
        expect(result.stdout).toBe(`no user changes for ${organization} in alpha\n`);
        expect(existsSync(join(result.runner, 'ca-admin-key.pem'))).toBe(false);
      }
    });

    it('fails, naming the secrets, when the plan changes users and the environment holds no CA admin', () => {
      const result = usersStepWith(plan, 'distributor', { cert: '', key: '' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        '::error::the plan of alpha changes 1 user(s) of distributor: its environment needs the secrets NETSPEC_CA_ADMIN_CERT and NETSPEC_CA_ADMIN_KEY',
      );
      expect(result.calls).toEqual([]);
    });

    it('fails when plan.json cannot be read', () => {
      const s = scratch();
      folders.push(s.root);
      const result = runStep(organizations, users, {
        cwd: s.root,
        bin: s.bin,
        values: { 'matrix.network': 'alpha', 'matrix.organization': 'distributor' },
        env: { RUNNER_TEMP: s.runner },
      });
      expect(result.code).not.toBe(0);
      expect(calls(s.log)).toEqual([]);
    });

    describe('with the real netspec and a Fabric CA', () => {
      let fake: FakeFabricCa | undefined;
      afterEach(async () => {
        await fake?.close();
        fake = undefined;
      });

      it('the artifact carries the users record; the enrolled keys never leave $RUNNER_TEMP/enrolled', async () => {
        const material = manufacturerMaterial();
        fake = await startFakeFabricCa(manufacturerCaOptions());
        const s = scratch();
        folders.push(s.root);
        // The repository as the job checks it out: the example network, its manufacturer adding ops-admin.
        const repo = join(s.root, 'repo');
        const network = join(repo, 'networks/supply-chain');
        cpSync(EXAMPLE, network, { recursive: true });
        const spec = join(network, 'network.yaml');
        const opsAdmin =
          '    users:\n      - name: factory-app\n        type: client\n        attributes:\n          department: production\n          plant: detroit\n      - name: ops-admin\n        type: admin\n';
        writeFileSync(spec, withManufacturerCa(fake.port, opsAdmin)(readFileSync(spec, 'utf8')));
        const planned = await runCliAsync(['plan', spec, '--out', join(network, 'bundle')]);
        expect(planned.code, planned.stderr).toBe(2);
        const git = (...args: string[]) =>
          spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
        git('init', '-q');
        git('add', '.');
        expect(git('commit', '-q', '-m', 'supply-chain').status).toBe(0);
        // npx netspec is this checkout's netspec, as `npm ci` installs it on the runner.
        stub(
          s.bin,
          'npx',
          `echo "npx $*" >> "${s.log}"\n[ "$1" = netspec ] || exit 127\nshift\nexec "${process.execPath}" "${join(repoRoot, 'bin/netspec.js')}" "$@"`,
        );
        const options = {
          cwd: repo,
          bin: s.bin,
          values: {
            'matrix.network': 'supply-chain',
            'matrix.organization': 'manufacturer',
            'secrets.NETSPEC_CA_ADMIN_CERT': material.adminCertPem,
            'secrets.NETSPEC_CA_ADMIN_KEY': material.adminKeyPem,
          },
          env: { RUNNER_TEMP: s.runner, CI: 'true' },
        };
        const applied = await runStepAsync(organizations, users, options);
        expect(applied.code, applied.stdout + applied.stderr).toBe(0);
        expect(fake.registered.has('ops-admin')).toBe(true);
        expect(applied.stdout + applied.stderr).not.toContain('PRIVATE KEY');
        // Enrolled under $RUNNER_TEMP/enrolled, which the step removed with the CA admin key when it ended.
        const written = eventsOf(applied.stdout).filter((event) => event.event === 'enrolled');
        // factory-app too: the runner starts with no enrollment of it (a new runner recovers, as on any machine).
        expect(written.map((event) => event.path)).toEqual([
          join(s.runner, 'enrolled/manufacturer/factory-app/msp'),
          join(s.runner, 'enrolled/manufacturer/ops-admin/msp'),
        ]);
        expect(filesUnder(s.runner).filter((file) => !file.startsWith('record/'))).toEqual(['ca-admin-cert.pem']);

        const kept = runStep(organizations, keep, options);
        expect(kept.code, kept.stderr).toBe(0);
        const record = join(s.runner, 'record');
        expect(filesUnder(record)).toEqual(['networks/supply-chain/state/users/manufacturer.json']);
        const recorded = readFileSync(join(record, 'networks/supply-chain/state/users/manufacturer.json'), 'utf8');
        expect(JSON.parse(recorded).users.map((user: { name: string }) => user.name)).toEqual([
          'factory-app',
          'ops-admin',
        ]);
        expect(recorded).not.toMatch(/PRIVATE|BEGIN|secret/i);
        // The enrollment was there to be read when the record was written: its expiry is recorded.
        expect(JSON.parse(recorded).users[1].enrolledUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
        // Nothing of the identities in the workspace either: git sees the users record only.
        expect(git('status', '--porcelain').stdout).toBe(' M networks/supply-chain/state/users/manufacturer.json\n');
      });
    });
  });
});

describe('the drift workflow', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const { workflow } = load('drift.yml');

  it('reads the live network from the drift environment and writes issues without an identity', () => {
    expect(workflow.jobs.plan!.environment).toBe('drift');
    expect(workflow.jobs.plan!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.issues!.permissions).toEqual({ issues: 'write' });
    expect(JSON.stringify(workflow.jobs.issues)).not.toMatch(/secrets\./);
    expect(JSON.stringify(workflow.jobs.issues)).toContain('gh label create netspec-drift --force');
  });

  it('a fetch failure fails the job and names the network', () => {
    const job = workflow.jobs.plan!;
    const s = scratch();
    folders.push(s.root);
    for (const network of ['alpha', 'beta']) {
      mkdirSync(join(s.root, 'networks', network), { recursive: true });
      writeFileSync(join(s.root, 'networks', network, 'network.yaml'), `name: ${network}\n`);
    }
    const run = (predicate: (x: Step) => boolean) =>
      runStep(job, step(job, predicate, 'drift step'), {
        cwd: s.root,
        bin: s.bin,
        env: { FETCH_alpha: '1', PLAN_beta: '2', RUNNER_TEMP: s.runner },
      });
    const fetched = run((x) => /netspec fetch/.test(x.run ?? ''));
    expect(fetched.stdout).toContain('::error file=networks/alpha/network.yaml::netspec fetch could not read');
    const planned = run((x) => /netspec plan/.test(x.run ?? ''));
    expect(planned.code).toBe(0);
    expect(readFileSync(join(s.root, 'drift/drifted.txt'), 'utf8')).toBe('beta\n');
    const verdict = run((x) => /Fail when/.test(x.name ?? ''));
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain('no drift verdict for: alpha');
  });
});
