// `netspec apply --quorum --org <org>`: an org casts its own validators' votes for each pending step of a bundle's
// votes.json, from each of its validators' own RPC endpoints, and waits until the change is in effect. It never
// calls another org's node: a vote is an org's decision, and its node key is the org's signature.
import type { NetworkModel, QuorumNetworkModel } from '../../compiler/model/network-model.js';
import { addressFromPublicKey } from '../../compiler/quorum/address.js';
import type { VotesFile } from '../../compiler/quorum/votes-file.js';
import { sleep } from '../retry.js';
import { createJsonRpcClient, type JsonRpcClient } from './json-rpc-client.js';
import { type ValidatorRpc, validatorRpc } from './validator-rpc.js';

export type VoteEventKind =
  | 'skip' // the step is already in effect
  | 'vote' // one of the org's validators voted
  | 'would-vote' // dry run
  | 'applied' // the change is in effect
  | 'waiting' // timed out: the other orgs have not voted enough yet
  | 'no-voter' // the org has no validator in the live set, so it has no vote on this step
  | 'raft'; // Raft membership is not voted

export interface VoteEvent {
  event: VoteEventKind;
  network: string;
  /** 1-based step number in votes.json. */
  step?: number;
  action?: 'add' | 'remove';
  address?: string;
  /** The voting validator (`<network>/<node>`) and the endpoint it was reached at. */
  voter?: string;
  endpoint?: string;
  message: string;
}

export interface CastVotesOptions {
  org: string;
  model: NetworkModel;
  network: QuorumNetworkModel;
  votes: VotesFile | undefined;
  dryRun?: boolean;
  /** How long to wait for one step to take effect. */
  timeoutMs: number;
  pollIntervalMs?: number;
  onEvent: (event: VoteEvent) => void;
  /** Injected for tests; default createJsonRpcClient. */
  connect?: (url: string) => JsonRpcClient;
}

/** done: every step is in effect; pending: waiting for other orgs' votes (or the org has none to cast). */
export type CastVotesOutcome = 'done' | 'pending';

interface Voter {
  ref: string;
  address: string;
  endpoint: string;
  rpc: ValidatorRpc;
}

export async function castVotes(options: CastVotesOptions): Promise<CastVotesOutcome> {
  const { network, org, onEvent } = options;
  const name = network.name;
  if (network.consensus === 'raft' || !options.votes) {
    onEvent({
      event: 'raft',
      network: name,
      message: `${name}: Raft membership is not changed by votes; nothing to cast`,
    });
    return 'done';
  }
  const kind = { client: network.client, consensus: network.consensus };
  const connect = options.connect ?? ((url: string) => createJsonRpcClient(url));
  const voters: Voter[] = network.validators
    .filter((validator) => validator.organization === org)
    .map((validator) => {
      const ref = `${name}/${validator.name}`;
      const endpoint = options.model.connection.endpoints[ref]?.url ?? `http://${validator.host}:${validator.rpcPort}`;
      return {
        ref,
        address: addressFromPublicKey(validator.publicKey),
        endpoint,
        rpc: validatorRpc(connect(endpoint), kind),
      };
    });
  const steps = options.votes.steps;
  if (voters.length === 0) {
    onEvent({
      event: 'no-voter',
      network: name,
      message: `${name}: organization '${org}' runs no validator of this network, so it casts no vote`,
    });
    return steps.length === 0 ? 'done' : 'pending';
  }
  // The org reads the live set from its own node too: never trust (or even contact) another org's endpoint.
  const reader = voters[0]!.rpc;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;

  for (const [index, step] of steps.entries()) {
    const base = { network: name, step: index + 1, action: step.action, address: step.address };
    const what = `${step.action} ${step.address}${step.name ? ` (${step.name})` : ''}`;
    const inEffect = (set: readonly string[]) => set.includes(step.address) === (step.action === 'add');
    const live = await reader.getValidators();
    if (inEffect(live)) {
      onEvent({ ...base, event: 'skip', message: `step ${index + 1}: ${what} is already in effect; skipped` });
      continue;
    }
    // Only a validator in the current set has a vote: a node not yet added cannot vote for itself.
    const active = voters.filter((voter) => live.includes(voter.address));
    if (active.length === 0) {
      onEvent({
        ...base,
        event: 'no-voter',
        message: `step ${index + 1}: ${what}: no validator of '${org}' is in the live set, so '${org}' has no vote; waiting for the others`,
      });
      return 'pending';
    }
    for (const voter of active) {
      const event = { ...base, voter: voter.ref, endpoint: voter.endpoint };
      if (options.dryRun) {
        onEvent({ ...event, event: 'would-vote', message: `step ${index + 1}: would vote ${what} from ${voter.ref}` });
        continue;
      }
      await voter.rpc.propose(step.address, step.action === 'add');
      onEvent({ ...event, event: 'vote', message: `step ${index + 1}: ${voter.ref} voted to ${what}` });
    }
    if (options.dryRun) continue;
    const deadline = Date.now() + options.timeoutMs;
    let applied = inEffect(await reader.getValidators());
    while (!applied && Date.now() < deadline) {
      await sleep(Math.min(pollIntervalMs, Math.max(0, deadline - Date.now())));
      applied = inEffect(await reader.getValidators());
    }
    if (!applied) {
      onEvent({
        ...base,
        event: 'waiting',
        message: `step ${index + 1}: ${what} is not in effect yet: more than half of the validators must vote; waiting for the other organizations`,
      });
      return 'pending';
    }
    // A vote left pending would fire again if the validator is later re-added or removed by someone else.
    for (const voter of active) await voter.rpc.discard(step.address);
    onEvent({ ...base, event: 'applied', message: `step ${index + 1}: ${what} is in effect` });
  }
  return options.dryRun && steps.length > 0 ? 'pending' : 'done';
}
