// `netspec decode --type <msg> <file> [--output <file>]`: a Fabric protobuf file printed as the JSON
// `configtxlator proto_decode` prints.
import type { Command } from 'commander';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit } from '../output.js';
import { readInput, reportFailure } from './_fabric-input.js';

export function register(program: Command): void {
  program
    .command('decode')
    .description('print a Fabric protobuf message as configtxlator JSON')
    .requiredOption('--type <msg>', 'message type, e.g. common.Block, common.Config, common.ConfigUpdate')
    .argument('<file>', 'the protobuf file')
    .option('--output <file>', 'write the JSON here instead of stdout')
    .action(action((file: string, options: { type: string; output?: string }) => runDecode(file, options)));
}

async function runDecode(file: string, options: { type: string; output?: string }): Promise<number> {
  const bytes = readInput(file);
  const fabric = await import('../../compiler/fabric/codec.js');
  const message = fabric.decode(options.type, bytes, { source: file });
  if (!message.value) return reportFailure(message.diagnostics);
  const json = fabric.toJson(options.type, message.value, { source: file });
  if (json.value === undefined) return reportFailure(json.diagnostics);
  emit(fabric.printJson(json.value), options.output);
  return EXIT_OK;
}
