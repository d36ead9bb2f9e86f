// What sign, verify, pr status and every apply target share: read the bundle whole, choose the spec and live
// state it is judged against (--spec/--state or the network's own layout, never what plan.json names), verify.
import type { Command } from 'commander';
import type { Bundle, NetworkFiles } from '../../bundle/index.js';
import type { Problem } from '../../compiler/diagnostics/index.js';
import type { VerifiedBundle, VerifyOutcome, VerifyReport } from '../../governance/index.js';
import { renderProblems, UserError } from '../output.js';

export interface BundleInputOptions {
  spec?: string;
  state?: string;
}

/** --spec and --state as every bundle command spells them. */
export function bundleInputOptions(command: Command): Command {
  return command
    .option('--spec <network.yaml>', 'the network spec (default: network.yaml beside the bundle folder)')
    .option('--state <dir>', 'the live state folder (default: state/ beside the spec)');
}

/** The outcome, with the bundle as read (the very bytes verified) and the spec and state it was judged against. */
export async function verifyBundleAt(
  bundleDir: string,
  options: BundleInputOptions,
): Promise<VerifyOutcome & { bundle: Bundle; files: NetworkFiles }> {
  const { networkFilesOf, readBundle } = await import('../../bundle/index.js');
  const { verifyBundle } = await import('../../governance/index.js');
  const read = readBundle(bundleDir);
  if ('error' in read) throw new UserError(read.error, { code: 'NS_BUNDLE_INVALID', path: bundleDir });
  const files = networkFilesOf(bundleDir, options);
  if ('error' in files) throw new UserError(files.error);
  return { ...verifyBundle(read.bundle, files), bundle: read.bundle, files };
}

/** Why a report is not satisfied: the bundle's problems, then each update's, named by its channel. */
export function reportProblems(report: VerifyReport): Problem[] {
  return [
    ...(report.problems ?? []),
    ...report.updates.flatMap((update) =>
      update.problems.map((problem) => ({ ...problem, message: `${update.channel}: ${problem.message}` })),
    ),
  ];
}

/**
 * The verified bundle an apply target works from, or undefined after saying on stderr why the bundle does not
 * verify and that `nothingDone` ("nothing was sent").
 */
export async function verifiedForApply(
  bundleDir: string,
  options: BundleInputOptions,
  nothingDone: string,
): Promise<VerifiedBundle | undefined> {
  const outcome = await verifyBundleAt(bundleDir, options);
  if (outcome.verified) return outcome.verified;
  process.stderr.write(
    `netspec: the bundle does not verify (invalid): ${nothingDone}\n${renderProblems(reportProblems(outcome.report), 'text')}\n`,
  );
  return undefined;
}
