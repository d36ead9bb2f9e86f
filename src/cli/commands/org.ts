// `netspec org export --msp-dir <dir> --msp-id <id> [--name <org>] [--domain <d>] --out <dir>`: a joining org's
// proposal — organization.yaml (the network.yaml stanza) and msp/ (its certificates), written atomically.
import { type Command, Option } from 'commander';
import { checkOutFolder, writeBundle } from '../../bundle/write-bundle.js';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';

interface ExportOptions {
  mspDir: string;
  mspId: string;
  name?: string;
  domain?: string;
  out: string;
}

export function register(program: Command): void {
  const org = program.command('org').description('organizations joining a network');
  org
    .command('export')
    .description(
      'write the organization stanza and MSP certificates a joining org proposes (like configtxgen -printOrg)',
    )
    .addOption(
      new Option('--msp-dir <dir>', 'the organization MSP folder (cacerts/, tlscacerts/, ...)').makeOptionMandatory(),
    )
    .addOption(new Option('--msp-id <id>', 'the MSP id').makeOptionMandatory())
    .option('--name <org>', 'the organization key in network.yaml (default: the MSP id without MSP, lower case)')
    .option('--domain <domain>', "the org's DNS domain (default: from the CA certificate's CN=ca.<domain>)")
    .addOption(new Option('--out <dir>', 'the folder to write').makeOptionMandatory())
    .action(action((options: ExportOptions) => runExport(options)));
}

async function runExport(options: ExportOptions): Promise<number> {
  const { exportOrganization, STANZA_FILE } = await import('../../governance/org-export/index.js');
  // Like a plan bundle, an export replaces only an export (a folder with its organization.yaml) or an empty folder.
  const rules = { marker: { file: STANZA_FILE, what: 'organization export' } };
  const check = checkOutFolder(options.out, rules);
  if (!check.ok) throw new UserError(`--out ${check.message}`);
  const result = exportOrganization({
    mspDir: options.mspDir,
    mspId: options.mspId,
    ...(options.name ? { name: options.name } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
  });
  if (result.diagnostics.length > 0) {
    process.stderr.write(`${renderDiagnostics(result.diagnostics, sourcesOf({}), 'text')}\n`);
  }
  if (!result.value || hasErrors(result.diagnostics)) return EXIT_ERROR;
  for (const notice of result.value.notices) process.stderr.write(`netspec: ${notice}\n`);
  writeBundle(options.out, result.value.files, rules);
  process.stdout.write(
    `Wrote ${options.out}/${STANZA_FILE} and ${result.value.files.size - 1} MSP files for ${options.mspId}\n`,
  );
  return EXIT_OK;
}
