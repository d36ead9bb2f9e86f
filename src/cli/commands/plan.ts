// `netspec plan <network.yaml> [--state <dir>] [--out <bundle>] [--format text|markdown|json]`: what will change
// on the live network, who must sign, and which safety guards it trips. Exit 0 no changes, 2 changes, 1 errors or
// blocked (terraform's detailed exit code). `--out` writes the bundle orgs sign and CI applies.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { BUNDLE_PLAN_FILE } from '../../bundle/bundle-layout.js';
import { composeBundle } from '../../bundle/compose-bundle.js';
import { type KeptSignatures, keepSignatures } from '../../bundle/keep-signatures.js';
import {
  checkOutFolder,
  OutFolderRefused,
  type OutFolderRules,
  type StagedBundle,
  stageBundle,
} from '../../bundle/write-bundle.js';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { type LoadedSpec, loadSpec } from '../../compiler/load-spec.js';
import type { PendingKubernetesPlan, PlanResult } from '../../compiler/plan/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import {
  checkInputFolder,
  checkOutputFolder,
  inPathContext,
  type ReportFormat,
  renderDiagnostics,
  reportSpecFailure,
  sourcesOf,
  UserError,
  useColor,
} from '../output.js';
import { sourceDateEpoch } from '../source-date-epoch.js';
import { formatOption } from './validate.js';

interface Options {
  state?: string;
  out?: string;
  format: ReportFormat;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('diff the spec against the live network: changes, who must sign, safety guards')
    .argument('<network.yaml>', 'the network spec')
    .option('--state <dir>', 'the live state folder (default: state/ beside the spec)')
    .option('--out <dir>', 'write the plan bundle (plan.json, plan.md, update/genesis artifacts) to this folder')
    .addOption(formatOption())
    .action(action((file: string, options: Options) => runPlan(file, options)));
}

async function runPlan(file: string, options: Options): Promise<number> {
  // A state folder named explicitly must be there: a wrong path would read as an empty network, and the plan would
  // create every channel that exists. The default one may be absent (a network not yet created).
  if (options.state !== undefined) checkInputFolder(options.state, '--state');
  const stateDir = options.state ?? join(dirname(file), 'state');
  const out = options.out;
  const rules = out === undefined ? undefined : outRules(file, stateDir);
  // Refused before anything is planned: a folder that is not a bundle is never replaced, so planning would be in
  // vain. stageBundle checks again, and once more at commit.
  if (out !== undefined) {
    const check = checkOutFolder(out, rules);
    if (!check.ok) throw new UserError(`--out ${check.message}`);
    checkOutputFolder(out, '--out');
  }
  const planning = await import('../../compiler/plan/index.js');
  // With --out the bundle is staged as the plan goes, from the moment there is a model: each part is written as
  // soon as it is planned, the Kubernetes worker writing its own. Only a plan that is neither failed nor blocked
  // puts it in place.
  const run: PlanRun = {};
  // A refusal (the folder changed since the check above) ends as the same one-line message, through the catch below.
  const stage = out === undefined ? undefined : () => (run.staged ??= stageBundle(out, rules));
  const interruption = out === undefined ? undefined : cleanUpOnSignals(run);
  try {
    return await planAndReport(file, options, stateDir, planning, stage, run);
  } catch (error) {
    // Stopping the worker makes the plan fail; the signal handler exits once the staging folder is gone.
    if (interruption?.signalled()) return await new Promise<never>(() => {});
    if (error instanceof OutFolderRefused) throw new UserError(`--out ${error.message}`);
    throw out === undefined ? error : inPathContext(error, `--out ${out} cannot be written`, out);
  } finally {
    interruption?.dispose();
    run.staged?.abandon();
  }
}

/** What an interrupted plan has to clean up. */
interface PlanRun {
  staged?: StagedBundle;
  kubernetes?: PendingKubernetesPlan;
  /** The Kubernetes plan's outcome, once asked for: settled when its worker has stopped writing. */
  kubernetesOutcome?: Promise<unknown>;
  /** Set by a signal: the bundle is no longer put in place. */
  interrupted?: boolean;
}

/** What --out may replace: a plan bundle, and never one holding the spec, the state or the working folder. */
function outRules(file: string, stateDir: string): OutFolderRules {
  return {
    protect: [
      { path: file, what: 'spec' },
      { path: stateDir, what: 'state folder' },
      { path: process.cwd(), what: 'current folder' },
    ],
  };
}

const EXIT_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

/**
 * On SIGINT or SIGTERM: stop the Kubernetes worker and wait until it has (it writes into the staging folder), remove
 * the staging folder, exit 128 + the signal's number. A second signal ends the process at once; a plan killed
 * outright leaves its folder to the next plan's sweep (stageBundle).
 */
function cleanUpOnSignals(run: PlanRun): { signalled(): boolean; dispose(): void } {
  let signalled = false;
  const listeners = EXIT_SIGNALS.map(([signal, code]) => {
    const listener = () => {
      signalled = true;
      run.interrupted = true;
      void stopPlan(run).finally(() => process.exit(code));
    };
    process.once(signal, listener);
    return [signal, listener] as const;
  });
  return {
    signalled: () => signalled,
    dispose: () => {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    },
  };
}

async function stopPlan(run: PlanRun): Promise<void> {
  if (run.kubernetes) {
    run.kubernetes.cancel();
    await (run.kubernetesOutcome ?? run.kubernetes.result()).catch(() => {});
  }
  run.staged?.abandon();
}

async function planAndReport(
  file: string,
  options: Options,
  stateDir: string,
  planning: typeof import('../../compiler/plan/index.js'),
  stage: (() => StagedBundle) | undefined,
  run: PlanRun,
): Promise<number> {
  // The Kubernetes part starts on the model as soon as there is one, while the rules still check the spec.
  const loaded = loadSpec(file, {
    onModel: (early) => {
      const pending = planning.startKubernetesPlan(early, stateDir, stage ? { stagingFolder: stage().folder } : {});
      run.kubernetes = {
        result: (onArtifacts) => {
          const outcome = pending.result(onArtifacts);
          run.kubernetesOutcome = outcome;
          return outcome;
        },
        cancel: () => pending.cancel(),
      };
    },
  });
  const kubernetes = run.kubernetes;
  const sources = sourcesOf({ [file]: loaded.text });
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    kubernetes?.cancel();
    return reportSpecFailure(loaded.diagnostics, sources, options.format);
  }
  const render = await import('../../compiler/render/index.js');
  const planInput = {
    loaded: loaded.value,
    specFile: file,
    specBytes: readFileSync(file),
    stateDir,
    // A bundle must be reproducible byte for byte (verification re-plans and compares), so it carries no
    // wall-clock time: genesis blocks are stamped with SOURCE_DATE_EPOCH (CI sets the commit time), else 0.
    timestamp: sourceDateEpoch(() => new Date(0)),
  };
  const result = await planning.makePlanInParallel(planInput, {
    ...(kubernetes ? { kubernetes } : {}),
    ...(stage
      ? { onArtifacts: (files, written) => (written ? stage().adopt(files.keys()) : stage().write(files)) }
      : {}),
  });
  return report(result, { file, stateDir, options, loaded: loaded.value, sources, render, planning, run }, stage);
}

interface ReportContext {
  file: string;
  stateDir: string;
  options: Options;
  loaded: LoadedSpec;
  sources: ReturnType<typeof sourcesOf>;
  render: typeof import('../../compiler/render/index.js');
  planning: typeof import('../../compiler/plan/index.js');
  run: PlanRun;
}

/** Prints the plan and, unless it failed or is blocked, completes and commits the bundle. */
function report(result: PlanResult, context: ReportContext, stage: (() => StagedBundle) | undefined): number {
  const { file, stateDir, options, sources, render } = context;
  const { pathForBundle } = context.planning;
  if (!result.plan) return reportSpecFailure(result.diagnostics, sources, options.format);
  if (result.diagnostics.length > 0)
    process.stderr.write(`${renderDiagnostics(result.diagnostics, sources, 'text')}\n`);
  // In a bundle the spec and state are recorded relative to the bundle, so it works from any directory.
  const plan = options.out
    ? { ...result.plan, specFile: pathForBundle(options.out, file), stateDir: pathForBundle(options.out, stateDir) }
    : result.plan;

  // plan.md is the plan as rendered before it lists the bundle's files; plan.json lists them all (composeBundle),
  // and is what --format json prints then.
  const markdown = render.renderMarkdown(plan, context.loaded.model, { sources });
  const bundle = stage && !plan.summary.blocked ? composeBundle(plan, result.artifacts, markdown) : undefined;
  if (options.format === 'json') process.stdout.write(bundle?.files.get(BUNDLE_PLAN_FILE) ?? render.renderJson(plan));
  else if (options.format === 'markdown') process.stdout.write(markdown);
  else process.stdout.write(render.renderText(plan, { color: useColor(), sources }));

  if (plan.summary.blocked) {
    process.stderr.write('netspec: the plan is blocked by safety guards; no bundle written\n');
    return EXIT_ERROR;
  }
  if (stage && bundle) {
    // Read from the bundle being replaced before it goes: signatures over unchanged update bytes still hold.
    const signatures = keepSignatures(options.out!, result.artifacts);
    const files = new Map([...bundle.files, ...signatures.files]);
    const staged = stage();
    staged.write(files);
    // A signal that came while the plan was finishing: its handler removes the staging folder and exits.
    if (context.run.interrupted) return EXIT_ERROR;
    staged.commit();
    const note = signatureNote(signatures);
    if (note) process.stderr.write(`netspec: ${note}\n`);
    if (options.format === 'text') process.stdout.write(`Bundle written to ${options.out}\n`);
  }
  return plan.summary.hasChanges ? EXIT_PENDING : EXIT_OK;
}

/** "kept 2 signatures (distribution: DistributorMSP, ManufacturerMSP); dropped 1: production/OperatorMSP.json (…)" */
function signatureNote({ kept, dropped }: KeptSignatures): string | undefined {
  const plural = (n: number) => (n === 1 ? 'signature' : 'signatures');
  const parts: string[] = [];
  if (kept.length > 0) {
    const byChannel = new Map<string, string[]>();
    for (const { channel, name } of kept) byChannel.set(channel, [...(byChannel.get(channel) ?? []), name]);
    const listed = [...byChannel].map(([channel, names]) => `${channel}: ${names.join(', ')}`).join('; ');
    parts.push(`kept ${kept.length} ${plural(kept.length)} (${listed})`);
  }
  if (dropped.length > 0) {
    const listed = dropped.map(({ path, reason }) => `${path.replace(/^signatures\//, '')} (${reason})`).join(', ');
    parts.push(`dropped ${dropped.length}${kept.length > 0 ? '' : ` ${plural(dropped.length)}`}: ${listed}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
