// `netspec apply <bundle> --quorum --org <org>`: the org casts its own validators' votes for every Quorum network
// in the bundle. Progress is prose on a terminal; in CI (CI=true) or when piped, one JSON object per line.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  castVotes,
  networksWithVotes,
  readVotesFile,
  type VoteEvent,
  votesFilePath,
} from '../../apply/quorum/index.js';
import { JsonRpcError, RpcTransportError } from '../../apply/quorum/json-rpc-client.js';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { loadSpec } from '../../compiler/load-spec.js';
import { pathFromBundle } from '../../compiler/plan/bundle-paths.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';
import type { ApplyOptions } from './apply.js';

const DEFAULT_TIMEOUT_SECONDS = 120;

export async function runApply(bundle: string, options: ApplyOptions): Promise<number> {
  if (!options.org) throw new UserError('--quorum needs --org <org>: each organization casts only its own votes');
  const org = options.org;
  const plan = readPlanHeader(bundle);
  const specFile =
    options.spec ?? (existsSync(join(bundle, 'network.yaml')) ? join(bundle, 'network.yaml') : plan?.specFile);
  if (!specFile || !existsSync(specFile))
    throw new UserError(
      `no spec${specFile ? ` at ${specFile}` : ''}: pass --spec <network.yaml> (the bundle carries no copy)`,
    );
  // Like Terraform, apply only what was planned: votes computed from another version of the spec are refused.
  if (plan?.specHash && sha256(readFileSync(specFile)) !== plan.specHash)
    throw new UserError(`${specFile} is not the spec this bundle was planned from (plan.json specHash differs)`);
  const loaded = loadSpec(specFile);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [specFile]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  const model = loaded.value.model;
  if (!model.organizations.some((candidate) => candidate.name === org))
    throw new UserError(`no organization '${org}' in ${specFile}`);
  const timeoutSeconds = options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UserError(`--timeout must be a positive number of seconds, not '${options.timeout}'`);

  const names = networksWithVotes(bundle);
  const report = reporter();
  if (names.length === 0) {
    report({ event: 'skip', network: '-', message: `${bundle}: no quorum/<network>/votes.json; nothing to vote on` });
    return EXIT_OK;
  }
  let pending = false;
  for (const name of names) {
    const network = model.quorum.find((candidate) => candidate.name === name);
    if (!network)
      throw new UserError(`the bundle votes on Quorum network '${name}', which ${specFile} does not define`);
    const votes = readVotesFile(votesFilePath(bundle, name), network);
    if (!votes.value) throw new UserError(votes.problem!);
    try {
      const outcome = await castVotes({
        org,
        model,
        network,
        votes: votes.value,
        dryRun: options.dryRun ?? false,
        timeoutMs: timeoutSeconds * 1000,
        // Tests shorten the poll; a real chain adds a block every few seconds, so 2 s is plenty.
        pollIntervalMs: Number(process.env.NETSPEC_QUORUM_POLL_MS ?? 2000),
        onEvent: report,
      });
      pending ||= outcome === 'pending';
    } catch (error) {
      if (error instanceof JsonRpcError || error instanceof RpcTransportError)
        throw new UserError(`${name}: ${error.message}`);
      throw error;
    }
  }
  return pending ? EXIT_PENDING : EXIT_OK;
}

/** Prose on a terminal; JSON lines for machines (CI=true, or stdout is not a TTY). */
function reporter(): (event: VoteEvent) => void {
  const machine = process.env.CI === 'true' || !process.stdout.isTTY;
  return (event) => {
    process.stdout.write(machine ? `${JSON.stringify(event)}\n` : `${event.message}\n`);
  };
}

/** The fields of `<bundle>/plan.json` this target reads, when the bundle has one. */
function readPlanHeader(bundle: string): { specFile?: string; specHash?: string } | undefined {
  const file = join(bundle, 'plan.json');
  if (!existsSync(file)) return undefined;
  try {
    const plan = JSON.parse(readFileSync(file, 'utf8')) as { specFile?: unknown; specHash?: unknown };
    return {
      ...(typeof plan.specFile === 'string' ? { specFile: pathFromBundle(bundle, plan.specFile) } : {}),
      ...(typeof plan.specHash === 'string' ? { specHash: plan.specHash } : {}),
    };
  } catch (error) {
    throw new UserError(`${file}: not readable JSON (${(error as Error).message})`);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
