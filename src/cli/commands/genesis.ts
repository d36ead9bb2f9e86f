// `netspec genesis <network.yaml> --channel <name> --output <file>`: the channel's genesis block, as
// `configtxgen -outputBlock` makes it, ready for the orderers' channel participation API.
import type { Command } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { checkOutputFile, emit, renderDiagnostics, sourcesOf, UserError } from '../output.js';
import { sourceDateEpoch } from '../source-date-epoch.js';

interface Options {
  channel: string;
  output?: string;
}

export function register(program: Command): void {
  program
    .command('genesis')
    .description('build a channel genesis block (as configtxgen -outputBlock)')
    .argument('<network.yaml>', 'the network spec')
    .requiredOption('--channel <name>', 'the channel')
    .option('--output <file>', 'write the block here instead of stdout')
    .action(action((file: string, options: Options) => runGenesis(file, options)));
}

async function runGenesis(file: string, options: Options): Promise<number> {
  if (options.output) checkOutputFile(options.output, '--output');
  const loaded = await loadSpecFile(file);
  if (hasErrors(loaded.diagnostics) || !loaded.value) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  const { model } = loaded.value;
  if (!model.channels.some((channel) => channel.name === options.channel)) {
    const known = model.channels.map((channel) => channel.name).join(', ') || 'none';
    throw new UserError(`no channel '${options.channel}' in ${file} (channels: ${known})`);
  }
  if (!options.output && process.stdout.isTTY)
    throw new UserError('a genesis block is binary: name a file with --output');
  const fabric = await import('../../compiler/fabric/index.js');
  const block = fabric.buildGenesisBlock(
    model,
    options.channel,
    sourceDateEpoch(() => new Date()),
  );
  if (!block.value) {
    process.stderr.write(`${renderDiagnostics(block.diagnostics, sourcesOf({}), 'text')}\n`);
    return EXIT_ERROR;
  }
  emit(block.value, options.output);
  return EXIT_OK;
}
