// `netspec fetch` for one Quorum network: the head block and the validator set at it, read from the first validator
// that answers (`qbft_getValidatorsByBlockNumber` on Besu QBFT, which under contract selection returns the
// contract's getValidators(); ibft_/istanbul_ otherwise). What it read is checked before it becomes state: every
// entry must be an address, the head must not be below the block the state folder already records (a node behind
// or on another chain would make the plan undo history), and the set is compared with the spec's validators.
import { type Problem, problem } from '../../compiler/diagnostics/index.js';
import type { NetworkModel, QuorumNetworkModel } from '../../compiler/model/network-model.js';
import { addressFromPublicKey } from '../../compiler/quorum/address.js';
import type { QbftTransitionJson } from '../../compiler/quorum/transitions.js';
import { quorumFailure } from './failure-code.js';
import { createJsonRpcClient, type JsonRpcClientOptions, RpcTransportError } from './json-rpc-client.js';
import { validatorRpc } from './validator-rpc.js';

const ADDRESS = /^(0x)?[0-9a-fA-F]{40}$/;

/** What the state folder already holds for the network (its last fetch), if anything. */
export interface RecordedQuorumState {
  blockNumber: number;
  transitions: QbftTransitionJson[];
}

export interface FetchedValidators {
  /** `quorum/<network>.json` as the plan reads it. */
  file: string;
  bytes: Uint8Array;
  from: string;
  /** One line on what was read and how it compares with the spec. */
  detail: string;
}

export async function fetchValidators(
  model: NetworkModel,
  network: QuorumNetworkModel,
  options: { recorded?: RecordedQuorumState; rpc?: JsonRpcClientOptions } = {},
): Promise<{ value?: FetchedValidators; problem?: Problem }> {
  const kind = { client: network.client, consensus: network.consensus as 'qbft' | 'ibft' };
  const failures: { reason: string; error: unknown }[] = [];
  for (const validator of network.validators) {
    const url =
      model.connection.endpoints[`${network.name}/${validator.name}` as keyof typeof model.connection.endpoints]?.url ??
      `http://${validator.host}:${validator.rpcPort}`;
    try {
      const client = createJsonRpcClient(url, options.rpc);
      const blockHex = await client.call<unknown>('eth_blockNumber');
      if (typeof blockHex !== 'string' || !/^0x[0-9a-fA-F]+$/.test(blockHex))
        throw new RpcTransportError(`eth_blockNumber returned ${JSON.stringify(blockHex)}, not a hex quantity`);
      const blockNumber = Number.parseInt(blockHex, 16);
      const method = validatorRpc(client, kind).methods.get;
      const answer = await client.call<unknown>(method, [blockHex]);
      if (!Array.isArray(answer) || answer.some((entry) => typeof entry !== 'string' || !ADDRESS.test(entry)))
        throw new RpcTransportError(
          `${method} at block ${blockNumber} returned ${JSON.stringify(answer)}, not a list of addresses`,
        );
      const recorded = options.recorded;
      if (recorded && blockNumber < recorded.blockNumber)
        return {
          problem: problem(
            'NS_QUORUM_NODE_BEHIND',
            `${url} is at block ${blockNumber}, below block ${recorded.blockNumber} the state folder records: the node is behind or on another chain`,
            { hint: `fetch from a synced node of ${network.name} (connection.endpoints)` },
          ),
        };
      const validators = answer.map((address: string) => `0x${address.toLowerCase().replace(/^0x/, '')}`);
      const state = {
        validators,
        blockNumber,
        ...(recorded?.transitions.length ? { transitions: recorded.transitions } : {}),
      };
      return {
        value: {
          file: `quorum/${network.name}.json`,
          bytes: new TextEncoder().encode(`${JSON.stringify(state, null, 2)}\n`),
          from: url,
          detail: `${validators.length} validators at block ${blockNumber}; ${comparedWithSpec(network, validators)}`,
        },
      };
    } catch (error) {
      failures.push({ reason: error instanceof Error ? error.message : String(error), error });
    }
  }
  return { problem: readProblem(network, failures) };
}

/**
 * Why no validator gave a usable answer, every node's reason in the message. The code is the first answering node's
 * (its API is off, or its answer is not the API's), else no node answered at all.
 */
function readProblem(network: QuorumNetworkModel, failures: readonly { reason: string; error: unknown }[]): Problem {
  if (failures.length === 0) return problem('NS_APPLY_NO_NODE', `quorum ${network.name} lists no validator to ask`);
  const found = failures.map(({ error }) => quorumFailure(error) ?? { code: 'NS_APPLY_UNREACHABLE' as const });
  const answered = found.find((failure) => failure.code !== 'NS_APPLY_UNREACHABLE');
  const chosen = answered ?? found.find((failure) => failure.hint) ?? found[0]!;
  return problem(chosen.code, failures.map((failure) => failure.reason).join('; '), { hint: chosen.hint });
}

/** "as the spec lists them", or which spec validators are not live and which live ones the spec does not list. */
function comparedWithSpec(network: QuorumNetworkModel, live: readonly string[]): string {
  const desired = new Map(network.validators.map((node) => [addressFromPublicKey(node.publicKey), node.name]));
  const missing = [...desired]
    .filter(([address]) => !live.includes(address))
    .map(([address, name]) => `${name} ${address}`);
  const unexpected = live.filter((address) => !desired.has(address));
  if (missing.length === 0 && unexpected.length === 0) return 'the set the spec lists';
  return [
    ...(missing.length > 0 ? [`not yet live: ${missing.join(', ')}`] : []),
    ...(unexpected.length > 0 ? [`live but not in the spec: ${unexpected.join(', ')}`] : []),
  ].join('; ');
}
