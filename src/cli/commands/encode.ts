// `netspec encode --type <msg> <json> [--output <file>]`: configtxlator JSON back to protobuf bytes,
// encoded deterministically (sorted map keys, defaults omitted).
import type { Command } from 'commander';
import type { Json } from '../../compiler/fabric/codec.js';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit, UserError } from '../output.js';
import { readInput, reportFailure } from './_fabric-input.js';

export function register(program: Command): void {
  program
    .command('encode')
    .description('encode configtxlator JSON as a Fabric protobuf message')
    .requiredOption('--type <msg>', 'message type, e.g. common.Config, common.ConfigUpdate')
    .argument('<json>', 'the JSON file')
    .option('--output <file>', 'write the bytes here instead of stdout')
    .action(action((file: string, options: { type: string; output?: string }) => runEncode(file, options)));
}

async function runEncode(file: string, options: { type: string; output?: string }): Promise<number> {
  let json: Json;
  try {
    json = JSON.parse(Buffer.from(readInput(file)).toString('utf8')) as Json;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const fabric = await import('../../compiler/fabric/codec.js');
  const message = fabric.fromJson(options.type, json, { source: file });
  if (!message.value) return reportFailure(message.diagnostics);
  const bytes = fabric.encode(options.type, message.value, { source: file });
  if (!bytes.value) return reportFailure(bytes.diagnostics);
  emit(bytes.value, options.output);
  return EXIT_OK;
}
