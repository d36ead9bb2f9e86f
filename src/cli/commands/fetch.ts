// `netspec fetch <network.yaml> --out <state-dir>`: the live network's channel config blocks, committed chaincode
// definitions and Quorum validator sets, written as the state folder `netspec plan --state` reads.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { FetchEvent } from '../../apply/fabric/index.js';
import { type Diagnostic, hasErrors } from '../../compiler/diagnostics/index.js';
import type { NetworkModel } from '../../compiler/model/network-model.js';
import { type QuorumState, readQuorumState } from '../../compiler/plan/state/read-quorum-state.js';
import { action } from '../action.js';
import { checkFlagPaths } from '../check-paths.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { renderDiagnostics, sourcesOf, writeFileAtomic } from '../output.js';
import {
  codedDetail,
  connectionOptions,
  type FabricFlags,
  identityRefused,
  lineReporter,
} from './fabric-connection-options.js';

interface FetchFlags extends FabricFlags {
  out: string;
}

export function register(program: Command): void {
  program
    .command('fetch')
    .description('read the live network (config blocks, committed chaincodes, validators) into a state folder')
    .argument('<network.yaml>', 'the network spec')
    .requiredOption('--out <state-dir>', 'the state folder to write (fabric/, quorum/)')
    .option(
      '--org <org>',
      'read as this organization (default: one whose connection identity is set, a member of most channels: peers answer chaincode queries only to members)',
    )
    .option('--cert <file>', 'the signing certificate (PEM) instead of the connection identity secrets')
    .option(
      '--key <file>',
      'the signing private key (PEM file, or a PKCS#11 URI: pkcs11:token=...;object=...?module-path=...)',
    )
    .option('--tls-cert <file>', 'client TLS certificate for mutual TLS')
    .option('--tls-key <file>', 'client TLS private key for mutual TLS')
    .option('--timeout <seconds>', 'deadline of each call to a node', '30')
    .action(action((specFile: string, flags: FetchFlags) => runFetch(specFile, flags)));
}

async function runFetch(specFile: string, flags: FetchFlags): Promise<number> {
  checkFlagPaths(flags, { files: ['cert', 'tlsCert', 'tlsKey'], keys: ['key'], outputFolders: ['out'] });
  const loaded = await loadSpecFile(specFile);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [specFile]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  const model = loaded.value.model;
  // gRPC and the Fabric clients load only when fetching: every other command starts without them.
  const { chooseReadingIdentity, fetchState } = await import('../../apply/fabric/index.js');
  const chosen = chooseReadingIdentity(model, {
    ...(flags.org ? { org: flags.org } : {}),
    ...(flags.cert ? { certFile: flags.cert } : {}),
    ...(flags.key ? { keyFile: flags.key } : {}),
  });
  if ('error' in chosen) throw identityRefused(chosen);
  const report = lineReporter<FetchEvent>((event) =>
    event.event === 'fetched'
      ? `fetched ${event.file} from ${event.from}: ${event.detail}`
      : event.event === 'absent'
        ? `${event.channel}: not on ${event.from} (${event.detail})`
        : `FAILED ${event.target}: ${codedDetail(event)}`,
  );
  // The state folder being refreshed: its Quorum records carry what no node serves (the genesis transitions).
  const recorded = recordedQuorumStates(model, flags.out);
  if (recorded.diagnostics.length > 0) {
    process.stderr.write(`${renderDiagnostics(recorded.diagnostics, sourcesOf({}), 'text')}\n`);
    process.stderr.write(`netspec: nothing fetched: fix or remove the state files named above\n`);
    return EXIT_ERROR;
  }
  const result = await fetchState(model, chosen.identity, {
    connection: connectionOptions(flags),
    onEvent: report,
    recordedQuorum: recorded.states,
  });
  if (result.errors.length > 0) {
    process.stderr.write(
      `netspec: nothing written to ${flags.out}: ${result.errors.length} part(s) could not be fetched\n`,
    );
    return EXIT_ERROR;
  }
  for (const [path, bytes] of result.files) writeFileAtomic(join(flags.out, path), bytes);
  return EXIT_OK;
}

function recordedQuorumStates(
  model: NetworkModel,
  stateDir: string,
): { states: Map<string, QuorumState>; diagnostics: Diagnostic[] } {
  const states = new Map<string, QuorumState>();
  const diagnostics: Diagnostic[] = [];
  for (const network of model.quorum) {
    const file = join(stateDir, 'quorum', `${network.name}.json`);
    if (!existsSync(file)) continue;
    const read = readQuorumState(file);
    diagnostics.push(...read.diagnostics);
    if (read.value) states.set(network.name, read.value);
  }
  return { states, diagnostics };
}
