// `netspec plan <network.yaml> [--state <dir>] [--out <bundle>] [--format text|markdown|json]`: what will change
// on the live network, who must sign, and which safety guards it trips. Exit 0 no changes, 2 changes, 1 errors or
// blocked (terraform's detailed exit code). `--out` writes the bundle orgs sign and CI applies.
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
import { type Diagnostic, hasErrors } from '../../compiler/diagnostics/index.js';
import type { LoadedSpec } from '../../compiler/load-spec.js';
import type { Plan, PlanResult } from '../../compiler/plan/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import {
  checkInputFolder,
  checkOutputFolder,
  formatOption,
  inPathContext,
  type ReportFormat,
  renderDiagnostics,
  reportSpecFailure,
  sourcesOf,
  UserError,
  useColor,
} from '../output.js';
import { sourceDateEpoch } from '../source-date-epoch.js';
import { certWarningDaysOf, certWarningDaysOption } from './cert-warning-days.js';

interface Options {
  state?: string;
  out?: string;
  format: ReportFormat;
  certWarningDays?: string;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('diff the spec against the live network: changes, who must sign, safety guards')
    .argument('<network.yaml>', 'the network spec')
    .option('--state <dir>', 'the live state folder (default: state/ beside the spec)')
    .option('--out <dir>', 'write the plan bundle (plan.json, plan.md, update/genesis artifacts) to this folder')
    .addOption(formatOption())
    .addOption(certWarningDaysOption())
    .action(action((file: string, options: Options) => runPlan(file, options)));
}

async function runPlan(file: string, options: Options): Promise<number> {
  certWarningDaysOf(options.certWarningDays);
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
  const run: PlanRun = {};
  const interruption = out === undefined ? undefined : cleanUpOnSignals(run);
  try {
    // Staged from the start, so a plan interrupted at any point leaves only a staging folder, which goes.
    if (out !== undefined) run.staged = stageBundle(out, rules);
    return await planAndReport(file, options, stateDir, run);
  } catch (error) {
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
 * On SIGINT or SIGTERM: remove the staging folder and exit 128 + the signal's number. The plan itself runs without
 * pausing; a signal is acted on at the next pause (betweenSteps), which always comes before the bundle is put in
 * place. A plan killed outright leaves its folder to the next plan's sweep (stageBundle).
 */
function cleanUpOnSignals(run: PlanRun): { dispose(): void } {
  const listeners = EXIT_SIGNALS.map(([signal, code]) => {
    const listener = () => {
      run.staged?.abandon();
      process.exit(code);
    };
    process.once(signal, listener);
    return [signal, listener] as const;
  });
  return {
    dispose: () => {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    },
  };
}

/** Lets a pending signal's listener run (it exits the process) before the next step. */
const betweenSteps = () => new Promise<void>((resolve) => setImmediate(resolve));

async function planAndReport(file: string, options: Options, stateDir: string, run: PlanRun): Promise<number> {
  const loaded = await loadSpecFile(file);
  const sources = sourcesOf({ [file]: loaded.text });
  if (!loaded.value || hasErrors(loaded.diagnostics))
    return reportSpecFailure(loaded.diagnostics, sources, options.format);
  const [planning, render] = await Promise.all([
    import('../../compiler/plan/index.js'),
    import('../../compiler/render/index.js'),
  ]);
  const result = planning.makePlan({
    loaded: loaded.value,
    specFile: file,
    stateDir,
    // A bundle must be reproducible byte for byte (verification re-plans and compares), so it carries no
    // wall-clock time: genesis blocks are stamped with SOURCE_DATE_EPOCH (CI sets the commit time), else 0.
    timestamp: sourceDateEpoch(() => new Date(0)),
  });
  // Judged now, against the clock, and printed only: the plan and its bundle carry the dates, never "soon".
  const expiring = result.plan
    ? await expiryDiagnostics(result.plan, loaded.value, certWarningDaysOf(options.certWarningDays))
    : [];
  await betweenSteps();
  const written = report(
    result,
    { file, stateDir, options, loaded: loaded.value, sources, render, planning, expiring },
    run,
  );
  await betweenSteps();
  if (written.commit) {
    run.staged!.commit();
    if (written.note) process.stderr.write(`netspec: ${written.note}\n`);
    if (options.format === 'text') process.stdout.write(`Bundle written to ${options.out}\n`);
  }
  return written.code;
}

interface ReportContext {
  file: string;
  stateDir: string;
  options: Options;
  loaded: LoadedSpec;
  sources: ReturnType<typeof sourcesOf>;
  render: typeof import('../../compiler/render/index.js');
  planning: typeof import('../../compiler/plan/index.js');
  /** NS_CERT_EXPIRING warnings, printed with the plan's own diagnostics. */
  expiring: Diagnostic[];
}

/** Prints the plan and, unless it failed or is blocked, writes the bundle into the staging folder. */
function report(
  result: PlanResult,
  context: ReportContext,
  run: PlanRun,
): { code: number; commit: boolean; note?: string } {
  const { file, stateDir, options, sources, render } = context;
  const { pathForBundle } = context.planning;
  if (!result.plan) return { code: reportSpecFailure(result.diagnostics, sources, options.format), commit: false };
  const diagnostics = [...result.diagnostics, ...context.expiring];
  if (diagnostics.length > 0) process.stderr.write(`${renderDiagnostics(diagnostics, sources, 'text')}\n`);
  // In a bundle the spec and state are recorded relative to the bundle, so it works from any directory.
  const plan = options.out
    ? { ...result.plan, specFile: pathForBundle(options.out, file), stateDir: pathForBundle(options.out, stateDir) }
    : result.plan;

  // plan.md is the plan as rendered before it lists the bundle's files; plan.json lists them all (composeBundle),
  // and is what --format json prints then.
  const markdown = render.renderMarkdown(plan, context.loaded.model, { sources });
  const bundle = run.staged && !plan.summary.blocked ? composeBundle(plan, result.artifacts, markdown) : undefined;
  if (options.format === 'json') process.stdout.write(bundle?.files.get(BUNDLE_PLAN_FILE) ?? render.renderJson(plan));
  else if (options.format === 'markdown') process.stdout.write(markdown);
  else process.stdout.write(render.renderText(plan, { color: useColor(), sources }));

  if (plan.summary.blocked) {
    process.stderr.write('netspec: the plan is blocked by safety guards; no bundle written\n');
    return { code: EXIT_ERROR, commit: false };
  }
  const code = plan.summary.hasChanges ? EXIT_PENDING : EXIT_OK;
  if (!run.staged || !bundle) return { code, commit: false };
  // Read from the bundle being replaced before it goes: signatures over unchanged update bytes still hold.
  const signatures = keepSignatures(options.out!, result.artifacts);
  run.staged.write(new Map([...bundle.files, ...signatures.files]));
  const note = signatureNote(signatures);
  return { code, commit: true, ...(note ? { note } : {}) };
}

/** NS_CERT_EXPIRING warnings for the plan's certificates, positioned where the spec names each one. */
async function expiryDiagnostics(plan: Plan, loaded: LoadedSpec, flagDays: number | undefined): Promise<Diagnostic[]> {
  const [{ expiryFindings, expiryWarningDays }, { createRuleContext }] = await Promise.all([
    import('../../compiler/certificates/index.js'),
    import('../../compiler/validate/rule-context.js'),
  ]);
  const sink: Diagnostic[] = [];
  const context = createRuleContext(loaded.spec, loaded.parsed, loaded.model.specDir, sink);
  const warningDays = expiryWarningDays(loaded.spec, flagDays);
  for (const finding of expiryFindings(plan.certificates ?? [], loaded.model, { now: new Date(), warningDays }))
    context.report(finding);
  return sink;
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
