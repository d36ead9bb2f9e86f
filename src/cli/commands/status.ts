// `netspec status <network.yaml> [--format text|markdown|json|prometheus] [--textfile <file>] [--max-lag <blocks>]
// [--timeout <ms>] [--state <dir>] [--cert-warning-days <days>]`: every peer's and orderer's operations endpoint
// (health, version, ledger heights per channel) and every certificate the network depends on with its expiry;
// exit 1 when a node is unhealthy or unreachable, or a peer lags the orderers by more than --max-lag blocks.
// Certificates expiring within the warning period are warned about and do not change the exit code.
// `--format prometheus` prints the same as Prometheus text; `--textfile` writes that text atomically to a file,
// for node_exporter's textfile collector, whatever --format prints.
import { type Command, Option } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { checkFlagPaths } from '../check-paths.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import {
  REPORT_FORMATS,
  type ReportFormat,
  reportSpecFailure,
  sourcesOf,
  UserError,
  writeFileAtomic,
} from '../output.js';
import { certWarningDaysOf, certWarningDaysOption } from './cert-warning-days.js';

type StatusFormat = ReportFormat | 'prometheus';

interface StatusCommandOptions {
  format: StatusFormat;
  maxLag: string;
  timeout: string;
  state?: string;
  certWarningDays?: string;
  textfile?: string;
}

export function register(program: Command): void {
  program
    .command('status')
    .description(
      'health, version and ledger height per channel of every peer and orderer in the spec, and certificate expiry',
    )
    .argument('<network.yaml>', 'the network spec')
    .addOption(
      new Option('--format <format>', 'report format').choices([...REPORT_FORMATS, 'prometheus']).default('text'),
    )
    .option('--max-lag <blocks>', 'fail when a peer is more than this many blocks behind the orderers', '10')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '5000')
    .option(
      '--state <dir>',
      'the state folder whose config blocks name live certificates (default: state/ beside the spec)',
    )
    .addOption(certWarningDaysOption())
    .option(
      '--textfile <file>',
      'also write the status as Prometheus text to this file (node_exporter textfile collector)',
    )
    .action(
      action(async (file: string, options: StatusCommandOptions) => {
        const maxLag = Number(options.maxLag);
        if (!Number.isInteger(maxLag) || maxLag < 0)
          throw new UserError(`--max-lag must be a whole number of blocks, not '${options.maxLag}'`);
        const timeoutMs = Number(options.timeout);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          throw new UserError(`--timeout must be a positive number of milliseconds, not '${options.timeout}'`);
        const flagDays = certWarningDaysOf(options.certWarningDays);
        checkFlagPaths(options, { folders: ['state'], outputFiles: ['textfile'] });
        const loaded = await loadSpecFile(file);
        const reportFormat = options.format === 'prometheus' ? 'text' : options.format;
        if (!loaded.value || hasErrors(loaded.diagnostics))
          return reportSpecFailure(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), reportFormat);
        const health = await import('../../apply/health/index.js');
        const report = await health.specStatus(loaded.value, {
          maxLag,
          timeoutMs,
          warningDays: flagDays,
          ...(options.state !== undefined ? { stateDir: options.state } : {}),
        });
        const prometheus =
          options.format === 'prometheus' || options.textfile ? await health.renderPrometheus(report) : undefined;
        if (options.textfile) writeFileAtomic(options.textfile, prometheus!);
        process.stdout.write(
          options.format === 'prometheus' ? prometheus! : health.renderStatus(report, options.format),
        );
        return report.ok ? EXIT_OK : EXIT_ERROR;
      }),
    );
}
