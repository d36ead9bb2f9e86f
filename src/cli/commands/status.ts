// `netspec status <network.yaml> [--format text|markdown|json] [--max-lag <blocks>] [--timeout <ms>]`: every
// peer's and orderer's operations endpoint (health, version, ledger heights per channel) as a table; exit 1
// when a node is unhealthy or unreachable, or a peer lags the orderers by more than --max-lag blocks.
import type { Command } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { formatOption, type ReportFormat, reportSpecFailure, sourcesOf, UserError } from '../output.js';

interface StatusCommandOptions {
  format: ReportFormat;
  maxLag: string;
  timeout: string;
}

export function register(program: Command): void {
  program
    .command('status')
    .description('health, version and ledger height per channel of every peer and orderer in the spec')
    .argument('<network.yaml>', 'the network spec')
    .addOption(formatOption())
    .option('--max-lag <blocks>', 'fail when a peer is more than this many blocks behind the orderers', '10')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '5000')
    .action(
      action(async (file: string, options: StatusCommandOptions) => {
        const maxLag = Number(options.maxLag);
        if (!Number.isInteger(maxLag) || maxLag < 0)
          throw new UserError(`--max-lag must be a whole number of blocks, not '${options.maxLag}'`);
        const timeoutMs = Number(options.timeout);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          throw new UserError(`--timeout must be a positive number of milliseconds, not '${options.timeout}'`);
        const loaded = await loadSpecFile(file);
        if (!loaded.value || hasErrors(loaded.diagnostics))
          return reportSpecFailure(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), options.format);
        const { networkStatus, renderStatus } = await import('../../apply/health/index.js');
        const report = await networkStatus(loaded.value.model, { maxLag, timeoutMs });
        process.stdout.write(renderStatus(report, options.format));
        return report.ok ? EXIT_OK : EXIT_ERROR;
      }),
    );
}
