// `netspec sign <bundle> --msp-id <id> --cert <admin.pem> --key <admin-key.pem> [--spec <network.yaml>] [--state <dir>]`: the org's
// ConfigSignature over each update of the bundle its signature counts towards, as signatures/<channel>/<mspid>.json.
// `netspec sign --import <envelope.pb> <bundle>`: signatures made by `peer channel signconfigtx`, as files.
// `netspec sign --envelope <envelope.pb> --msp-id ... --cert ... --key ... --output <file>`: signconfigtx itself.
// The private key is used in memory only and never printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { DiagnosticCode, Problem } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { checkFlagPaths } from '../check-paths.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { checkInputFolder, emit, renderProblems, UserError, writeFileAtomic } from '../output.js';
import { bundleInputOptions, reportProblems, verifyBundleAt } from './verified-bundle.js';

interface Options {
  spec?: string;
  mspId?: string;
  cert?: string;
  key?: string;
  state?: string;
  import?: string;
  envelope?: string;
  output?: string;
  config?: string;
}

export function register(program: Command): void {
  const command = program
    .command('sign')
    .description("sign a bundle's channel updates (or a CONFIG_UPDATE envelope) as an organization admin")
    .argument('[bundle]', 'the plan bundle')
    .option('--msp-id <id>', 'the MSP id of the signing organization')
    .option('--cert <file>', "the admin's PEM certificate")
    .option(
      '--key <file>',
      "the admin's PEM private key file (stays on this machine), or a PKCS#11 URI of a key on a token",
    )
    .option('--import <envelope>', 'import the signatures of a `peer channel signconfigtx` envelope into the bundle')
    .option('--envelope <envelope>', 'add a signature to a CONFIG_UPDATE envelope, as `peer channel signconfigtx`')
    .option('--output <file>', 'with --envelope: where to write the signed envelope (default: stdout)')
    .option('--config <block>', "with --envelope: check the signer against this config block's MSPs first");
  bundleInputOptions(command).action(
    action((bundle: string | undefined, options: Options) => runSign(bundle, options)),
  );
}

async function runSign(bundle: string | undefined, options: Options): Promise<number> {
  checkPaths(bundle, options);
  const governance = await import('../../governance/index.js');
  if (options.import) {
    if (!bundle) throw new UserError('sign --import needs the bundle to import into');
    const { readBundle } = await import('../../bundle/index.js');
    const read = readBundle(bundle);
    if ('error' in read) throw new UserError(read.error, { code: 'NS_BUNDLE_INVALID', path: bundle });
    const result = governance.importEnvelope(readInput(options.import), read.bundle);
    if (result.errors.length > 0) return fail(result.errors);
    for (const [path, text] of result.files) writeFileAtomic(join(bundle, path), text);
    process.stderr.write(`Imported ${result.files.size} signature(s) for channel ${result.channel}\n`);
    return EXIT_OK;
  }
  if (!options.mspId || !options.cert || !options.key) throw new UserError('sign needs --msp-id, --cert and --key');
  const loaded = governance.loadSigningIdentity(options.mspId, options.cert, options.key);
  if ('error' in loaded) throw new UserError(loaded.error);
  const signer = loaded.signer;

  if (options.envelope) {
    const read = governance.readConfigUpdateEnvelope(readInput(options.envelope));
    if ('error' in read)
      throw new UserError(`${options.envelope}: ${read.error}`, {
        code: 'NS_FABRIC_PROTO_INVALID',
        path: options.envelope,
      });
    if (options.config) {
      const refused = signerProblem(governance, options.config, signer);
      if (refused) throw new UserError(refused.message, { code: refused.code, path: options.config });
    }
    emit(governance.signConfigUpdateEnvelope(read.envelope, signer.identity), options.output);
    if (options.output) process.stderr.write(`Signed envelope written to ${options.output}\n`);
    return EXIT_OK;
  }

  if (!bundle) throw new UserError('sign needs a bundle (or --envelope <file>)');
  // Only what verifies is signed: bytes the spec and the live state produce, in an intact bundle.
  const outcome = await verifyBundleAt(bundle, options);
  if (!outcome.verified) {
    process.stderr.write('netspec: the bundle does not verify: not signing it\n');
    return fail(reportProblems(outcome.report));
  }
  const result = governance.signBundle({ verified: outcome.verified, signer });
  if (result.errors.length > 0) return fail(result.errors);
  if (result.warnings.length > 0) process.stderr.write(`${renderProblems(result.warnings, 'text')}\n`);
  for (const [path, text] of result.files) {
    writeFileAtomic(join(bundle, path), text);
    process.stdout.write(`Signed ${path}\n`);
  }
  return EXIT_OK;
}

/** Every path named on the command line, checked before a key is read or a bundle judged. */
function checkPaths(bundle: string | undefined, options: Options): void {
  checkFlagPaths(options, {
    files: ['cert', 'import', 'envelope', 'config', 'spec'],
    keys: ['key'],
    folders: ['state'],
    outputFiles: ['output'],
  });
  if (bundle !== undefined && !options.envelope) checkInputFolder(bundle, 'the bundle');
}

function signerProblem(
  governance: typeof import('../../governance/index.js'),
  configBlock: string,
  signer: import('../../governance/index.js').LoadedSigner,
): { code: DiagnosticCode; message: string } | undefined {
  const live = governance.readConfigBlockFile(configBlock);
  if ('error' in live) return { code: 'NS_FABRIC_NOT_CONFIG_BLOCK', message: live.error };
  const msps = governance.channelMsps(live.live.config);
  const { mspId, certificatePem } = signer.identity;
  const identity = governance.deserializeIdentity(mspId, new TextEncoder().encode(certificatePem), msps);
  if ('error' in identity) return { code: 'NS_SIGNER_NOT_MEMBER', message: identity.error };
  const invalid = governance.identityProblem(identity.identity, msps.get(mspId)!);
  if (invalid)
    return { code: 'NS_SIGNER_NOT_MEMBER', message: `the certificate is not a valid ${mspId} identity: ${invalid}` };
  const dates = governance.validityWarning(identity.identity.certificate, new Date());
  if (dates) {
    const warning: Problem = {
      code: dates.code === 'certificate-expired' ? 'NS_SIGNER_CERT_EXPIRED' : 'NS_SIGNER_CERT_NOT_YET_VALID',
      severity: 'warning',
      message: `the signer certificate is outside its validity period (${dates.date}); Fabric still counts its signature`,
    };
    process.stderr.write(`${renderProblems([warning], 'text')}\n`);
  }
  return undefined;
}

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new UserError(`${file} does not exist or cannot be read`);
  }
}

function fail(errors: readonly Problem[]): number {
  process.stderr.write(`${renderProblems(errors, 'text')}\n`);
  return EXIT_ERROR;
}
