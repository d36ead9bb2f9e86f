// `netspec validate <network.yaml>`: schema and semantic rules; prints every finding with its position.
import type { Command } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { formatOption, type ReportFormat, renderDiagnostics, sourcesOf } from '../output.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a network spec against the schema and the semantic rules')
    .argument('<network.yaml>', 'the network spec')
    .addOption(formatOption())
    .action(action((file: string, options: { format: ReportFormat }) => runValidate(file, options.format)));
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function runValidate(file: string, format: ReportFormat): Promise<number> {
  const result = await loadSpecFile(file);
  const sources = sourcesOf({ [file]: result.text });
  const failed = hasErrors(result.diagnostics);
  if (format === 'json') {
    const report = {
      file,
      valid: !failed,
      diagnostics: JSON.parse(renderDiagnostics(result.diagnostics, sources, 'json')),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return failed ? EXIT_ERROR : EXIT_OK;
  }
  if (result.diagnostics.length > 0)
    process.stdout.write(`${renderDiagnostics(result.diagnostics, sources, format)}\n`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (failed) {
    process.stdout.write(
      `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
    return EXIT_ERROR;
  }
  const spec = result.value!.spec;
  const counts = [
    countOf(Object.keys(spec.organizations).length, 'organization'),
    countOf(Object.keys(spec.channels ?? {}).length, 'channel'),
    countOf((spec.chaincodes ?? []).length, 'chaincode'),
    countOf(Object.keys(spec.quorum ?? {}).length, 'Quorum network'),
  ].join(', ');
  process.stdout.write(
    `${file}: valid (${counts})${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`,
  );
  return EXIT_OK;
}
