// `netspec apply <bundle> --quorum --org <org>`: the org casts its own validators' votes for every Quorum network
// in the bundle. Progress is prose on a terminal; in CI (CI=true) or when piped, one JSON object per line.

import { join } from 'node:path';
import { quorumFailure } from '../../apply/quorum/failure-code.js';
import {
  castVotes,
  networksWithVotes,
  readVotesFile,
  type VoteEvent,
  votesFilePath,
} from '../../apply/quorum/index.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { UserError } from '../output.js';
import type { ApplyOptions } from './_apply-options.js';
import { verifiedForApply } from './verified-bundle.js';

const DEFAULT_TIMEOUT_SECONDS = 120;

export async function runApply(bundle: string, options: ApplyOptions): Promise<number> {
  if (!options.org) throw new UserError('--quorum needs --org <org>: each organization casts only its own votes');
  const org = options.org;
  // Like Terraform, apply only what was planned: the bundle verifies against the network's own spec and state,
  // and the votes cast are its checked bytes.
  const checked = await verifiedForApply(bundle, options, 'no vote was cast');
  if (!checked) return EXIT_ERROR;
  const { model, specFile, bundle: verified } = checked;
  if (!model.organizations.some((candidate) => candidate.name === org))
    throw new UserError(`no organization '${org}' in ${specFile}`);
  const timeoutSeconds = options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UserError(`--timeout must be a positive number of seconds, not '${options.timeout}'`);

  const names = networksWithVotes(verified.files);
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
    const path = votesFilePath(name);
    const votes = readVotesFile(verified.files.get(path)!, join(bundle, path), network);
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
      const failure = quorumFailure(error);
      if (failure) throw new UserError(`${name}: ${(error as Error).message}`, failure);
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
