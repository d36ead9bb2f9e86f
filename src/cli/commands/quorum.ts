// `netspec quorum ...`: the Quorum (Besu / GoQuorum) artifacts of a spec, one command each — extraData for a list
// of validators, a network's genesis.json, its node lists, and the validator votes from a live state file.
// The Quorum stage (secp256k1, keccak) is imported inside the actions: other commands do not pay for it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { type Diagnostic, hasErrors } from '../../compiler/diagnostics/index.js';
import type { NetworkModel, QuorumNetworkModel } from '../../compiler/model/network-model.js';
import { readQuorumState } from '../../compiler/plan/state/read-quorum-state.js';
import type { ExtraDataType, QuorumClient } from '../../compiler/quorum/index.js';
import { action } from '../action.js';
import { checkFlagPaths, type PathRoles } from '../check-paths.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { emit, renderDiagnostics, sourcesOf, UserError, writeFileAtomic } from '../output.js';

/** The extraData encodings (as in compiler/quorum/extra-data.ts), listed here so `--help` needs no crypto. */
const EXTRA_DATA_TYPES: readonly ExtraDataType[] = ['qbft', 'ibft2', 'istanbul'];

const loadQuorumStage = () => import('../../compiler/quorum/index.js');

export function register(program: Command): void {
  const quorum = program
    .command('quorum')
    .description('Quorum (Besu / GoQuorum) genesis, node lists and validator votes');

  quorum
    .command('extra-data')
    .description('print the genesis extraData for a JSON array of validator addresses or node public keys')
    .addOption(new Option('--type <type>', 'extraData encoding').choices(EXTRA_DATA_TYPES).makeOptionMandatory())
    .argument('<validators.json>', 'JSON array of 0x addresses or 64-byte secp256k1 public keys (hex)')
    .action(action((file: string, options: { type: ExtraDataType }) => runExtraData(file, options.type)));

  quorum
    .command('genesis')
    .description("write a Quorum network's genesis.json")
    .argument('<network.yaml>', 'the network spec')
    .option('--network <name>', 'the Quorum network (may be left out when the spec has one)')
    .addOption(
      new Option('--client <client>', 'genesis for this client (default: the network’s)').choices(['besu', 'goquorum']),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .action(
      action((file: string, options: { network?: string; client?: QuorumClient; output?: string }) =>
        withNetwork(file, options, { outputFiles: ['output'] }, async (network) => {
          const { buildGenesis, canonicalJson } = await loadQuorumStage();
          const client = options.client ?? network.client;
          if (client === 'besu' && network.consensus === 'raft')
            throw new UserError(`quorum network '${network.name}' uses Raft, which Besu does not implement`);
          emit(canonicalJson(buildGenesis(network, client)), options.output);
          return EXIT_OK;
        }),
      ),
    );

  quorum
    .command('artifacts')
    .description('write genesis.json, static-nodes.json (and permissioned-nodes.json, tessera-peers.json) to a folder')
    .argument('<network.yaml>', 'the network spec')
    .option('--network <name>', 'the Quorum network (may be left out when the spec has one)')
    .requiredOption('--out <dir>', 'the folder to write')
    .action(
      action((file: string, options: { network?: string; out: string }) =>
        withNetwork(file, options, { outputFolders: ['out'] }, async (network) => {
          const { emitQuorumArtifacts } = await loadQuorumStage();
          for (const [name, text] of Object.entries(emitQuorumArtifacts(network)))
            writeFileAtomic(join(options.out, name), text);
          return EXIT_OK;
        }),
      ),
    );

  quorum
    .command('votes')
    .description('the validator votes from the live set (state/quorum/<network>.json) to the spec, as votes.json')
    .argument('<network.yaml>', 'the network spec')
    .option('--network <name>', 'the Quorum network (may be left out when the spec has one)')
    .option('--state <dir>', 'the live state folder (default: state/ next to the spec)')
    .option('--output <file>', 'write to this file instead of stdout')
    .action(
      action((file: string, options: { network?: string; state?: string; output?: string }) =>
        withNetwork(file, options, { folders: ['state'], outputFiles: ['output'] }, async (network) => {
          const { buildVotesFile, renderVotesFile } = await loadQuorumStage();
          const stateFile = join(
            options.state ?? join(dirname(resolve(file)), 'state'),
            'quorum',
            `${network.name}.json`,
          );
          const state = readQuorumState(stateFile);
          if (!state.value) return fail(state.diagnostics, {});
          const votes = buildVotesFile(network, state.value);
          if (!votes)
            throw new UserError(`quorum network '${network.name}' uses Raft: membership is not changed by votes`);
          emit(renderVotesFile(votes), options.output);
          for (const step of votes.steps)
            for (const warning of step.warnings)
              process.stderr.write(`warning: ${step.action} ${step.address}: ${warning}\n`);
          return EXIT_OK;
        }),
      ),
    );
}

async function runExtraData(file: string, type: ExtraDataType): Promise<number> {
  const { bytesToHex, encodeExtraData, readValidatorsInput } = await loadQuorumStage();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const input = readValidatorsInput(file, text);
  if (!input.value) return fail(input.diagnostics, { [file]: text });
  process.stdout.write(`${bytesToHex(encodeExtraData(type, input.value))}\n`);
  return EXIT_OK;
}

/** Loads and validates the spec, picks the Quorum network, and runs `use` on it; spec errors print and exit 1. */
async function withNetwork<Options extends { network?: string }>(
  file: string,
  options: Options,
  paths: PathRoles<Options>,
  use: (network: QuorumNetworkModel) => Promise<number>,
): Promise<number> {
  checkFlagPaths(options, paths);
  const name = options.network;
  const loaded = await loadSpecFile(file);
  if (!loaded.value || hasErrors(loaded.diagnostics)) return fail(loaded.diagnostics, { [file]: loaded.text });
  return use(pickNetwork(loaded.value.model, name));
}

export function pickNetwork(model: NetworkModel, name: string | undefined): QuorumNetworkModel {
  const names = model.quorum.map((network) => network.name);
  if (name === undefined) {
    if (model.quorum.length === 1) return model.quorum[0]!;
    throw new UserError(
      names.length === 0
        ? 'the spec defines no Quorum network'
        : `choose a network with --network (${names.join(', ')})`,
    );
  }
  const network = model.quorum.find((candidate) => candidate.name === name);
  if (!network) throw new UserError(`no Quorum network '${name}' in the spec (${names.join(', ') || 'none defined'})`);
  return network;
}

/** Diagnostics go to stderr: stdout carries the artifact. */
function fail(diagnostics: readonly Diagnostic[], sources: Record<string, string | undefined>): number {
  process.stderr.write(`${renderDiagnostics(diagnostics, sourcesOf(sources), 'text')}\n`);
  return EXIT_ERROR;
}
