// `quorum/<network>/votes.json` in a bundle: the validator votes a plan asks each org to cast. The file is plain
// data, written by the plan and read by `netspec apply --quorum`, which re-checks the live set before each vote.
import type { QuorumNetworkModel } from '../model/network-model.js';
import { canonicalJson } from './canonical-json.js';
import { planValidatorVotes, type ValidatorVoteStep } from './plan-validator-votes.js';
import { identitiesOf } from './validator-set.js';

export const VOTES_FILE_VERSION = 1;

export interface VotesFile {
  version: typeof VOTES_FILE_VERSION;
  network: string;
  client: QuorumNetworkModel['client'];
  consensus: 'qbft' | 'ibft';
  chainId: number;
  /** The live set the steps start from (lower-case addresses), and the block it was read at. */
  live: { validators: string[]; blockNumber: number | null };
  steps: ValidatorVoteStep[];
}

/**
 * The votes that move `network` from the live set to the spec's validators. Raft has no votes (membership changes
 * go through raft_addPeer/raft_removePeer): undefined.
 */
export function buildVotesFile(
  network: QuorumNetworkModel,
  live: { validators: readonly string[]; blockNumber?: number | null },
): VotesFile | undefined {
  if (network.consensus === 'raft') return undefined;
  const steps = planValidatorVotes(live.validators, identitiesOf(network.validators), identitiesOf(network.members));
  return {
    version: VOTES_FILE_VERSION,
    network: network.name,
    client: network.client,
    consensus: network.consensus,
    chainId: network.chainId,
    live: {
      validators: live.validators.map((address) => address.toLowerCase()),
      blockNumber: live.blockNumber ?? null,
    },
    steps,
  };
}

export function renderVotesFile(votes: VotesFile): string {
  return canonicalJson(votes);
}
