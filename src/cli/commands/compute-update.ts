// `netspec compute-update --channel-id <id> --original <pb> --updated <pb> [--output <file>]`: the
// common.ConfigUpdate between two common.Config files, as `configtxlator compute_update` computes it.
import type { Command } from 'commander';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit } from '../output.js';
import { readInput, reportFailure } from './_fabric-input.js';

interface Options {
  channelId: string;
  original: string;
  updated: string;
  output?: string;
}

export function register(program: Command): void {
  program
    .command('compute-update')
    .description('compute the config update between two channel configs (common.Config protobuf files)')
    .requiredOption('--channel-id <id>', 'the channel the update is for')
    .requiredOption('--original <pb>', 'the current config (common.Config)')
    .requiredOption('--updated <pb>', 'the desired config (common.Config)')
    .option('--output <file>', 'write the common.ConfigUpdate here instead of stdout')
    .action(action((options: Options) => runComputeUpdate(options)));
}

async function runComputeUpdate(options: Options): Promise<number> {
  const originalBytes = readInput(options.original, '--original');
  const updatedBytes = readInput(options.updated, '--updated');
  const fabric = await import('../../compiler/fabric/codec.js');
  const original = fabric.decode('common.Config', originalBytes, { source: options.original });
  const updated = fabric.decode('common.Config', updatedBytes, { source: options.updated });
  if (!original.value || !updated.value) return reportFailure([...original.diagnostics, ...updated.diagnostics]);
  const update = fabric.computeUpdate(options.channelId, original.value, updated.value);
  if (!update.value) return reportFailure(update.diagnostics);
  const bytes = fabric.encode('common.ConfigUpdate', update.value);
  if (!bytes.value) return reportFailure(bytes.diagnostics);
  emit(bytes.value, options.output);
  return EXIT_OK;
}
