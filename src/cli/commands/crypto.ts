// `netspec crypto <network.yaml> [--force]`: development MSP material (ECDSA P-256, cryptogen layout) for every
// organization, under `<spec dir>/crypto/`. Prints the paths it wrote; private keys never reach the output.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { type Diagnostic, hasErrors } from '../../compiler/diagnostics/index.js';
import type { NetworkSpec } from '../../compiler/model/spec.js';
import { parseSpecFile } from '../../compiler/parse/index.js';
import { validateSpec } from '../../compiler/validate/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { renderDiagnostics, sourcesOf } from '../output.js';

export interface CryptoCommandOptions {
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('crypto')
    .description(
      'generate DEMO-ONLY development MSP material (CAs, admin, peers, orderers, TLS) for every organization',
    )
    .argument('<network.yaml>', 'the network spec; material is written to crypto/ next to it')
    .option('--force', 'regenerate material that already exists (new CAs: every certificate changes)')
    .action(action((file: string, options: CryptoCommandOptions) => runCrypto(file, options)));
}

/**
 * The certificate findings are exactly what this command is about to fix, so they cannot block it. Every other
 * rule still runs (rather than the schema alone): duplicate hosts or unknown organizations would otherwise turn
 * into material for the wrong nodes.
 */
const FIXED_BY_CRYPTO = new Set(['NS_CERT_MISSING', 'NS_CERT_INVALID', 'NS_CERT_CHAIN', 'NS_CERT_ADMIN_OU']);

export async function runCrypto(file: string, options: CryptoCommandOptions = {}): Promise<number> {
  const parsed = parseSpecFile(file);
  const sources = sourcesOf({ [file]: parsed.text });
  if (!parsed.value) return printFailure(parsed.diagnostics, sources, file);
  const validated = validateSpec(parsed.value);
  const findings = validated.diagnostics.filter((d) => !FIXED_BY_CRYPTO.has(d.code));
  if (hasErrors(findings)) return printFailure(findings, sources, file);
  if (findings.length > 0) process.stderr.write(`${renderDiagnostics(findings, sources, 'text')}\n`);

  // Loaded here: the X.509 generator is only needed by this command (see main.ts on start-up time).
  const { generateNetworkMaterial } = await import('../../crypto/index.js');
  const specDir = dirname(file);
  const report = await generateNetworkMaterial(parsed.value.data as NetworkSpec, specDir, {
    force: options.force === true,
  });
  for (const path of report.written) process.stdout.write(`wrote ${join(specDir, path)}\n`);
  for (const path of report.kept) process.stdout.write(`kept  ${join(specDir, path)}\n`);
  for (const warning of report.warnings) process.stderr.write(`netspec: warning: ${warning}\n`);
  for (const error of report.errors) process.stderr.write(`netspec: ${error}\n`);
  const summary =
    `${report.written.length} file${report.written.length === 1 ? '' : 's'} written` +
    (report.kept.length > 0 ? `, existing material kept (use --force to regenerate)` : '');
  process.stdout.write(`${join(specDir, 'crypto')}: ${summary}. DEMO ONLY: never use this material in production.\n`);
  return report.errors.length > 0 ? EXIT_ERROR : EXIT_OK;
}

function printFailure(diagnostics: Diagnostic[], sources: ReturnType<typeof sourcesOf>, file: string): number {
  process.stdout.write(`${renderDiagnostics(diagnostics, sources, 'text')}\n`);
  process.stdout.write(`${file}: not generating material for an invalid spec\n`);
  return EXIT_ERROR;
}
