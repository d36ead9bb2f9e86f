// Reading `quorum/<network>/votes.json` of a verified bundle back. The bundle crossed a PR and CI: check its shape
// before acting on it, and refuse one whose network, client or consensus is not the spec's (a bundle for another
// config).
import type { QuorumNetworkModel } from '../../compiler/model/network-model.js';
import { addressProblem, normalizeAddress } from '../../compiler/quorum/address.js';
import type { VotesFile } from '../../compiler/quorum/votes-file.js';

/** Bundle-relative path of a network's votes. */
export function votesFilePath(network: string): string {
  return `quorum/${network}/votes.json`;
}

/** The networks that have a votes.json among the bundle's files, sorted. */
export function networksWithVotes(files: ReadonlyMap<string, Uint8Array>): string[] {
  return [...files.keys()]
    .map((path) => /^quorum\/([^/]+)\/votes\.json$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** The parsed file, or why it cannot be used (a message naming `file`, where the bytes came from). */
export function readVotesFile(
  bytes: Uint8Array,
  file: string,
  network: QuorumNetworkModel,
): { value?: VotesFile; problem?: string } {
  let data: Partial<VotesFile>;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    return { problem: `${file}: not readable JSON (${(error as Error).message})` };
  }
  if (data.network !== network.name)
    return { problem: `${file}: is for network '${data.network}', not '${network.name}'` };
  if (data.client !== network.client || data.consensus !== network.consensus)
    return {
      problem: `${file}: was planned for ${data.client}/${data.consensus}, but the spec runs ${network.client}/${network.consensus}`,
    };
  if (!Array.isArray(data.steps)) return { problem: `${file}: has no steps list` };
  for (const [index, step] of data.steps.entries()) {
    if (step?.action !== 'add' && step?.action !== 'remove')
      return { problem: `${file}: step ${index + 1} has action '${step?.action}', expected add or remove` };
    const problem = typeof step.address === 'string' ? addressProblem(step.address) : 'it is missing';
    if (problem) return { problem: `${file}: step ${index + 1} address is not valid: ${problem}` };
  }
  const steps = data.steps.map((step) => ({ ...step, address: normalizeAddress(step.address) }));
  return { value: { ...(data as VotesFile), steps } };
}
