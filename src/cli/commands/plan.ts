// `netspec plan <network.yaml> [--state <dir>] [--out <bundle>] [--format text|markdown|json]`: what will change
// on the live network, who must sign, and which safety guards it trips. Exit 0 no changes, 2 changes, 1 errors or
// blocked (terraform's detailed exit code). `--out` writes the bundle orgs sign and CI applies.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { type LoadedSpec, loadSpec } from '../../compiler/load-spec.js';
import type { PendingKubernetesPlan, PlanResult, StagedBundle } from '../../compiler/plan/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { type ReportFormat, renderDiagnostics, sourcesOf, useColor } from '../output.js';
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
  const planning = await import('../../compiler/plan/index.js');
  const stateDir = options.state ?? join(dirname(file), 'state');
  // With --out the bundle is staged as the plan goes, from the moment there is a model: each part is written as
  // soon as it is planned, the Kubernetes worker writing its own. Only a plan that is neither failed nor blocked
  // puts it in place.
  let staged: StagedBundle | undefined;
  const stage = options.out ? () => (staged ??= planning.stageBundle(options.out!)) : undefined;
  try {
    return await planAndReport(file, options, stateDir, planning, stage);
  } finally {
    staged?.abandon();
  }
}

async function planAndReport(
  file: string,
  options: Options,
  stateDir: string,
  planning: typeof import('../../compiler/plan/index.js'),
  stage: (() => StagedBundle) | undefined,
): Promise<number> {
  // The Kubernetes part starts on the model as soon as there is one, while the rules still check the spec.
  let kubernetes: PendingKubernetesPlan | undefined;
  const loaded = loadSpec(file, {
    onModel: (early) => {
      kubernetes = planning.startKubernetesPlan(early, stateDir, stage ? { stagingFolder: stage().folder } : {});
    },
  });
  const sources = sourcesOf({ [file]: loaded.text });
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    kubernetes?.cancel();
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sources, 'text')}\n`);
    return EXIT_ERROR;
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
  return report(result, { file, stateDir, options, loaded: loaded.value, sources, render, planning }, stage);
}

interface ReportContext {
  file: string;
  stateDir: string;
  options: Options;
  loaded: LoadedSpec;
  sources: ReturnType<typeof sourcesOf>;
  render: typeof import('../../compiler/render/index.js');
  planning: typeof import('../../compiler/plan/index.js');
}

/** Prints the plan and, unless it failed or is blocked, completes and commits the bundle. */
function report(result: PlanResult, context: ReportContext, stage: (() => StagedBundle) | undefined): number {
  const { file, stateDir, options, sources, render } = context;
  const { pathForBundle } = context.planning;
  if (result.diagnostics.length > 0)
    process.stderr.write(`${renderDiagnostics(result.diagnostics, sources, 'text')}\n`);
  if (!result.plan) return EXIT_ERROR;
  // In a bundle the spec and state are recorded relative to the bundle, so it works from any directory.
  const plan = options.out
    ? { ...result.plan, specFile: pathForBundle(options.out, file), stateDir: pathForBundle(options.out, stateDir) }
    : result.plan;

  const json = render.renderJson(plan);
  const markdown = render.renderMarkdown(plan, context.loaded.model, { sources });
  if (options.format === 'json') process.stdout.write(json);
  else if (options.format === 'markdown') process.stdout.write(markdown);
  else process.stdout.write(render.renderText(plan, { color: useColor(), sources }));

  if (plan.summary.blocked) {
    process.stderr.write('netspec: the plan is blocked by safety guards; no bundle written\n');
    return EXIT_ERROR;
  }
  if (stage) {
    const encoder = new TextEncoder();
    const files = new Map(result.artifacts);
    files.set('plan.json', encoder.encode(json));
    files.set('plan.md', encoder.encode(markdown));
    const staged = stage();
    staged.write(files);
    staged.commit();
    if (options.format === 'text') process.stdout.write(`Bundle written to ${options.out}\n`);
  }
  return plan.summary.hasChanges ? EXIT_PENDING : EXIT_OK;
}
