// `netspec crypto <network.yaml> [--force]`: development MSP material (ECDSA P-256, cryptogen layout) for every
// organization, under `<spec dir>/crypto/`. Prints the paths it wrote; private keys never reach the output.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { type Diagnostic, hasErrors } from '../../compiler/diagnostics/index.js';
import { clusterServiceHosts } from '../../compiler/model/node-address.js';
import type { NetworkSpec } from '../../compiler/model/spec.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { renderDiagnostics, sourcesOf } from '../output.js';

export interface CryptoCommandOptions {
  force?: boolean;
  /** `<org>/<node>`: renew one orderer's or peer's certificates instead of generating the network's material. */
  renew?: string;
  newKey?: boolean;
  days?: string;
}

export function register(program: Command): void {
  program
    .command('crypto')
    .description(
      'generate DEMO-ONLY development MSP material (CAs, admin, peers, orderers, TLS) for every organization',
    )
    .argument('<network.yaml>', 'the network spec; material is written to crypto/ next to it')
    .option('--force', 'regenerate material that already exists (new CAs: every certificate changes)')
    .option(
      '--renew <org/node>',
      "issue DEMO-ONLY renewed TLS and enrollment certificates for one orderer or peer, beside its old ones, from its org's development CAs",
    )
    .option('--new-key', 'with --renew: new key pairs instead of the node’s current ones')
    .option('--days <days>', 'with --renew: validity of the renewed certificates, in days from now', '365')
    .action(action((file: string, options: CryptoCommandOptions) => runCrypto(file, options)));
}

/**
 * The certificate findings are exactly what this command is about to fix, so they cannot block it. Every other
 * rule still runs (rather than the schema alone): duplicate hosts or unknown organizations would otherwise turn
 * into material for the wrong nodes.
 */
const FIXED_BY_CRYPTO = new Set(['NS_CERT_MISSING', 'NS_CERT_INVALID', 'NS_CERT_CHAIN', 'NS_CERT_ADMIN_OU']);

export async function runCrypto(file: string, options: CryptoCommandOptions = {}): Promise<number> {
  if (options.renew !== undefined) return runRenew(file, options.renew, options);
  const [{ parseSpecFile }, { validateSpec }] = await Promise.all([
    import('../../compiler/parse/index.js'),
    import('../../compiler/validate/index.js'),
  ]);
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
  const { nodeTlsNames } = await import('../../compiler/model/tls-names.js');
  const spec = parsed.value.data as NetworkSpec;
  const report = await generateNetworkMaterial(spec, specDir, {
    force: options.force === true,
    tlsNames: nodeTlsNames(spec),
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

/** `--renew <org>/<node>`: the renewed files, and the spec edit that makes the rotation a reviewed change. */
async function runRenew(file: string, target: string, options: CryptoCommandOptions): Promise<number> {
  const days = Number(options.days ?? '365');
  if (!Number.isInteger(days) || days < 1) {
    process.stderr.write(`netspec: --days must be a whole number of days of at least 1, not '${options.days}'\n`);
    return EXIT_ERROR;
  }
  const loaded = await loadSpecFile(file);
  if (!loaded.value) return printFailure(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), file);
  const [orgName, nodeName, ...rest] = target.split('/');
  const org = loaded.value.model.organizations.find((o) => o.name === orgName);
  const orderer = org?.orderers.findIndex((o) => o.name === nodeName) ?? -1;
  const peer = org?.peers.findIndex((p) => p.name === nodeName) ?? -1;
  if (!org || rest.length > 0 || (orderer < 0 && peer < 0)) {
    const known = loaded.value.model.organizations.flatMap((o) =>
      [...o.orderers, ...o.peers].map((n) => `${o.name}/${n.name}`),
    );
    process.stderr.write(
      `netspec: --renew ${target}: no orderer or peer of that name in ${file}; known: ${known.join(', ')}\n`,
    );
    return EXIT_ERROR;
  }
  const kind = orderer >= 0 ? 'orderer' : 'peer';
  const node = orderer >= 0 ? org.orderers[orderer]! : org.peers[peer]!;
  const host = node.host;
  // The names netspec crypto gives a node's TLS certificate: its address and the names of its Service.
  const tlsNames = [node.address.host, ...clusterServiceHosts(node.serviceName, org.kubernetes.namespace)].filter(
    (name) => !/^[0-9.]+$/.test(name),
  );
  const { renewNodeCertificates } = await import('../../crypto/renew.js');
  const { writeNewFiles } = await import('../../crypto/write-material.js');
  const specDir = dirname(file);
  let renewed: Awaited<ReturnType<typeof renewNodeCertificates>>;
  try {
    renewed = await renewNodeCertificates(specDir, {
      organization: org.name,
      domain: org.domain,
      kind,
      host,
      tlsNames,
      newKey: options.newKey === true,
      days,
    });
    writeNewFiles(specDir, renewed.files);
  } catch (error) {
    process.stderr.write(`netspec: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  for (const written of renewed.files) process.stdout.write(`wrote ${join(specDir, written.path)}\n`);
  if (kind === 'orderer')
    process.stdout.write(
      `To rotate, edit ${file}: organizations.${org.name}.orderers[${orderer}] tlsCert: ${renewed.tlsCert}` +
        ` (and identityCert: ${renewed.identityCert} for a BFT consenter), then netspec plan: it stages one consenter per update.\n`,
    );
  else
    process.stdout.write(
      `A peer's certificates are not in any channel config: deploy ${host} with the new files; its CA roots must already be in ${org.mspId}.\n`,
    );
  process.stdout.write('DEMO ONLY: never use this material in production.\n');
  return EXIT_OK;
}
