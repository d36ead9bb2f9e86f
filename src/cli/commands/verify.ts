// `netspec verify <bundle> [--spec <network.yaml>] [--state <dir> | --live]` and `netspec verify --envelope <pb>
// --config <block>`: every signature judged, every policy the orderer will evaluate checked against the live
// channel config — the state folder's, or with --live the config blocks fetched from the orderers just now (into
// a temporary folder, removed afterwards). Exit 0 satisfied, 2 waiting for signatures, 1 invalid (tampered, stale,
// or an update the orderer would refuse).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { VerifyReport } from '../../governance/index.js';
import { action } from '../action.js';
import { checkFlagPaths } from '../check-paths.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { checkInputFolder, formatOption, type ReportFormat, UserError, writeFileAtomic } from '../output.js';
import { connectionOptions, type FabricFlags, identityRefused } from './fabric-connection-options.js';
import { bundleInputOptions, verifyBundleAt } from './verified-bundle.js';

interface Options extends FabricFlags {
  spec?: string;
  state?: string;
  live?: boolean;
  envelope?: string;
  config?: string;
  strict?: boolean;
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
    .option('--strict', 'refuse what the orderer accepts with a warning (a signer certificate past its dates)')
    .option('--live', 'fetch the live state from the orderers and peers first, instead of reading a state folder')
    .option('--org <org>', '--live: act as this organization (default: the first operator with a connection identity)')
    .option('--cert <file>', '--live: the signing certificate (PEM) instead of the connection identity secrets')
    .option('--key <file>', '--live: the signing private key (PEM file, or a PKCS#11 URI)')
    .option('--tls-cert <file>', '--live: client TLS certificate for mutual TLS')
    .option('--tls-key <file>', '--live: client TLS private key for mutual TLS')
    .option('--timeout <seconds>', '--live: deadline of each call to a node')
    .addOption(formatOption());
  bundleInputOptions(command).action(
    action((bundle: string | undefined, options: Options) => runVerify(bundle, options)),
  );
}

async function runVerify(bundle: string | undefined, options: Options): Promise<number> {
  checkFlagPaths(options, {
    files: ['envelope', 'config', 'cert', 'tlsCert', 'tlsKey', 'spec'],
    keys: ['key'],
    folders: ['state'],
  });
  if (bundle !== undefined && !options.envelope) checkInputFolder(bundle, 'the bundle');
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
    report = options.live ? await verifyLive(bundle, options) : (await verifyBundleAt(bundle, options)).report;
  }
  if (options.strict) report = governance.strictReport(report);
  if (options.format === 'json') process.stdout.write(governance.renderReportJson(report));
  else if (options.format === 'markdown') process.stdout.write(governance.renderReportMarkdown(report));
  else process.stdout.write(governance.renderReportText(report));
  return report.status === 'satisfied' ? EXIT_OK : report.status === 'waiting' ? EXIT_PENDING : EXIT_ERROR;
}

/** The live state, fetched into a temporary folder that only this verification reads, then removed. */
async function verifyLive(bundle: string, options: Options): Promise<VerifyReport> {
  if (options.state) throw new UserError('--live and --state exclude each other: the state is fetched');
  const { networkFilesOf } = await import('../../bundle/index.js');
  const files = networkFilesOf(bundle, options);
  if ('error' in files) throw new UserError(files.error);
  const { loadSpec } = await import('../../compiler/load-spec.js');
  const loaded = loadSpec(files.specFile);
  if (!loaded.value) throw new UserError(`the spec ${files.specFile} does not load: run netspec validate on it`);
  const { chooseIdentity, fetchState } = await import('../../apply/fabric/index.js');
  const chosen = chooseIdentity(loaded.value.model, {
    ...(options.org ? { org: options.org } : {}),
    ...(options.cert ? { certFile: options.cert } : {}),
    ...(options.key ? { keyFile: options.key } : {}),
  });
  if ('error' in chosen) throw identityRefused(chosen);
  const fetched = await fetchState(loaded.value.model, chosen.identity, { connection: connectionOptions(options) });
  if (fetched.errors.length > 0)
    throw new UserError(
      `the live state could not be fetched (${fetched.errors.length} part(s)): ${fetched.errors.slice(0, 3).join('; ')}`,
    );
  const stateDir = mkdtempSync(join(tmpdir(), 'netspec-live-state-'));
  try {
    for (const [path, bytes] of fetched.files) writeFileAtomic(join(stateDir, path), bytes);
    return (await verifyBundleAt(bundle, { ...options, state: stateDir })).report;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}
