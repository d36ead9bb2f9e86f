// `netspec codeowners <network.yaml> [--output .github/CODEOWNERS]`: review ownership from the spec's approvers.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { checkInputFolder, checkOutputFile, emit, renderDiagnostics, sourcesOf, UserError } from '../output.js';

interface Options {
  output?: string;
  root?: string;
}

export function register(program: Command): void {
  program
    .command('codeowners')
    .description("write CODEOWNERS from the organizations' approvers")
    .argument('<network.yaml>', 'the network spec')
    .option('--output <file>', 'write here (e.g. .github/CODEOWNERS) instead of stdout')
    .option('--root <dir>', 'the repository root paths are relative to (default: the enclosing git repository)')
    .action(action((file: string, options: Options) => runCodeowners(file, options)));
}

async function runCodeowners(file: string, options: Options): Promise<number> {
  if (options.output) checkOutputFile(options.output, '--output');
  if (options.root) checkInputFolder(options.root, '--root');
  const loaded = await loadSpecFile(file);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  const { renderCodeowners } = await import('../../apply/github/codeowners.js');
  const specDir = dirname(resolve(file));
  const root = options.root ? resolve(options.root) : (repositoryRoot(specDir) ?? process.cwd());
  const networkPath = relative(root, specDir);
  if (networkPath.startsWith('..')) throw new UserError(`${file} is outside the repository root ${root}`);
  const command = `netspec codeowners ${relative(root, resolve(file)).split('\\').join('/')}`;
  emit(renderCodeowners(loaded.value.model, networkPath, command), options.output);
  return EXIT_OK;
}

function repositoryRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
