// `netspec verify <bundle> [--spec <network.yaml>] [--state <dir>]` and `netspec verify --envelope <pb> --config <block>`: every signature
// judged, every policy the orderer will evaluate checked against the live channel config. Exit 0 satisfied,
// 2 waiting for signatures, 1 invalid (tampered, stale, or an update the orderer would refuse).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { VerifyReport } from '../../governance/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { type ReportFormat, UserError } from '../output.js';
import { formatOption } from './validate.js';
import { bundleInputOptions, verifyBundleAt } from './verified-bundle.js';

interface Options {
  spec?: string;
  state?: string;
  envelope?: string;
  config?: string;
  format: ReportFormat;
}

export function register(program: Command): void {
  const command = program
    .command('verify')
    .description(
      "check a bundle's signatures against the channels' live policies: exit 0 satisfied, 2 waiting, 1 invalid",
    )
    .argument('[bundle]', 'the plan bundle')
    .option('--envelope <file>', 'verify a CONFIG_UPDATE envelope (as `peer channel signconfigtx` writes it) instead')
    .option('--config <block>', "with --envelope: the channel's config block (`peer channel fetch config`)")
    .addOption(formatOption());
  bundleInputOptions(command).action(
    action((bundle: string | undefined, options: Options) => runVerify(bundle, options)),
  );
}

async function runVerify(bundle: string | undefined, options: Options): Promise<number> {
  const governance = await import('../../governance/index.js');
  let report: VerifyReport;
  if (options.envelope) {
    if (!options.config) throw new UserError('verify --envelope needs --config <config-block.pb>');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(options.envelope));
    } catch {
      throw new UserError(`${options.envelope} does not exist or cannot be read`);
    }
    report = governance.verifyEnvelope(bytes, options.config);
  } else {
    if (!bundle) throw new UserError('verify needs a bundle (or --envelope <file> --config <block>)');
    report = (await verifyBundleAt(bundle, options)).report;
  }
  if (options.format === 'json') process.stdout.write(governance.renderReportJson(report));
  else if (options.format === 'markdown') process.stdout.write(governance.renderReportMarkdown(report));
  else process.stdout.write(governance.renderReportText(report));
  return report.status === 'satisfied' ? EXIT_OK : report.status === 'waiting' ? EXIT_PENDING : EXIT_ERROR;
}
