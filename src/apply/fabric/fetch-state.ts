// `netspec fetch`: the live network read into a state folder, the layout the plan reads (see
// compiler/plan/state/read-state.ts): fabric/<channel>.block, fabric/<channel>.chaincodes.json, quorum/<net>.json.
// All or nothing: a channel whose orderer cannot be reached fails the fetch, because a missing block would make
// the next plan believe the channel is new and propose to create it.
import type { DiagnosticCode, Problem } from '../../compiler/diagnostics/index.js';
import { type Json, toJson } from '../../compiler/fabric/index.js';
import type { NetworkModel } from '../../compiler/model/network-model.js';
import { fetchValidators, type JsonRpcClientOptions, type RecordedQuorumState } from '../quorum/index.js';
import type { ClientIdentity } from './client-identity.js';
import { DeliverRefusedError, fetchConfigBlock } from './fetch-config-block.js';
import { type ConnectionOptions, NodeConnection } from './grpc-connection.js';
import { type NodeEndpoint, ordererEndpoints, peerEndpoints } from './node-endpoints.js';
import { queryCommittedDefinitions } from './proposals.js';

const STATUS_NOT_FOUND = 404;
const STATUS_FORBIDDEN = 403;

export type FetchEvent =
  | { event: 'fetched'; file: string; from: string; detail: string }
  | { event: 'absent'; channel: string; from: string; detail: string }
  | { event: 'failed'; target: string; detail: string; code?: DiagnosticCode; hint?: string };

export interface FetchOptions {
  connection?: ConnectionOptions;
  rpc?: JsonRpcClientOptions;
  /** Per Quorum network, what the state folder being refreshed already records (its block and transitions). */
  recordedQuorum?: ReadonlyMap<string, RecordedQuorumState>;
  onEvent?: (event: FetchEvent) => void;
}

export interface FetchResult {
  /** State-relative path -> bytes; empty when anything failed. */
  files: Map<string, Uint8Array>;
  errors: string[];
}

export async function fetchState(
  model: NetworkModel,
  identity: ClientIdentity,
  options: FetchOptions = {},
): Promise<FetchResult> {
  const files = new Map<string, Uint8Array>();
  const errors: string[] = [];
  const emit = options.onEvent ?? (() => {});
  const fail = (target: string, detail: string, coded?: Problem) => {
    errors.push(`${target}: ${detail}`);
    emit({
      event: 'failed',
      target,
      detail,
      ...(coded ? { code: coded.code } : {}),
      ...(coded?.hint ? { hint: coded.hint } : {}),
    });
  };
  const signer = identity.signer;
  for (const channel of model.channels) {
    const orderers = ordererEndpoints(model, channel.orderer.organizations);
    const fetched = await firstAnswer(orderers, options.connection, (connection) =>
      fetchConfigBlock(connection, signer, channel.name),
    );
    if ('error' in fetched) {
      if (fetched.error instanceof DeliverRefusedError && fetched.error.status === STATUS_NOT_FOUND) {
        emit({
          event: 'absent',
          channel: channel.name,
          from: fetched.from,
          detail: 'the orderer does not serve it: new',
        });
        continue;
      }
      if (fetched.error instanceof DeliverRefusedError && fetched.error.status === STATUS_FORBIDDEN) {
        fail(
          channel.name,
          `${signer.mspId} may not read ${channel.name} (/Channel/Readers: its members and orderer organizations): ` +
            `fetch with --org ${[...channel.members, ...channel.orderer.organizations].join(' or --org ')} (${messageOf(fetched.error)})`,
        );
        continue;
      }
      fail(channel.name, messageOf(fetched.error));
      continue;
    }
    const file = `fabric/${channel.name}.block`;
    files.set(file, fetched.value.block);
    emit({ event: 'fetched', file, from: fetched.from, detail: `config block ${fetched.value.number}` });

    // A peer answers _lifecycle queries only to /Channel/Application/Writers (an admin or client of a member org):
    // an ordering org's admin is refused ("failed ACL check"), so ask as a member, our own peers first.
    const org = identity.organization.name;
    if (!channel.members.includes(org)) {
      fail(
        `${channel.name} chaincodes`,
        `${signer.mspId} may not query the committed chaincodes: the peers allow _lifecycle queries only to ` +
          `/Channel/Application/Writers of ${channel.name}; fetch with --org ${channel.members.join(' or --org ')}`,
      );
      continue;
    }
    const peers = [org, ...channel.members.filter((m) => m !== org)].flatMap((m) => peerEndpoints(model, m));
    if (peers.length === 0) continue;
    const committed = await firstAnswer(peers, options.connection, (connection) =>
      queryCommittedDefinitions(connection, signer, channel.name),
    );
    if ('error' in committed) {
      fail(`${channel.name} chaincodes`, messageOf(committed.error));
      continue;
    }
    const chaincodesFile = `fabric/${channel.name}.chaincodes.json`;
    files.set(chaincodesFile, new TextEncoder().encode(`${JSON.stringify(committedJson(committed.value), null, 2)}\n`));
    emit({
      event: 'fetched',
      file: chaincodesFile,
      from: committed.from,
      detail: `${((committed.value.chaincode_definitions as unknown[]) ?? []).length} committed definition(s)`,
    });
  }
  for (const network of model.quorum) {
    if (network.consensus === 'raft') continue;
    const recorded = options.recordedQuorum?.get(network.name);
    const fetched = await fetchValidators(model, network, {
      ...(recorded ? { recorded } : {}),
      ...(options.rpc ? { rpc: options.rpc } : {}),
    });
    if (!fetched.value) {
      fail(`quorum ${network.name}`, fetched.problem?.message ?? 'no answer', fetched.problem);
      continue;
    }
    files.set(fetched.value.file, fetched.value.bytes);
    emit({ event: 'fetched', file: fetched.value.file, from: fetched.value.from, detail: fetched.value.detail });
  }
  return { files: errors.length > 0 ? new Map() : files, errors };
}

/**
 * The JSON `peer lifecycle chaincode querycommitted -O json` prints (protojson with the proto field names):
 * snake_case, bytes in base64, 64-bit integers as strings, `collections: {}` when there are none.
 */
function committedJson(result: Parameters<typeof toJson>[1]): Json {
  const json = (toJson('lifecycle.QueryChaincodeDefinitionsResult', result).value ?? {}) as {
    chaincode_definitions?: Record<string, unknown>[];
  };
  return {
    chaincode_definitions: (json.chaincode_definitions ?? []).map((definition) => ({
      ...(withoutUnset(definition) as Record<string, unknown>),
      collections: withoutUnset(definition.collections) ?? {},
    })),
  } as unknown as Json;
}

/** protojson omits unset messages and empty repeated fields; the codec's configtxlator JSON prints null and []. */
function withoutUnset(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnset);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || (Array.isArray(item) && item.length === 0)) continue;
    out[key] = withoutUnset(item);
  }
  return out;
}

/** Tries each node in order; the first answer wins. Returns the last error when none answers. */
async function firstAnswer<T>(
  endpoints: readonly NodeEndpoint[],
  options: ConnectionOptions | undefined,
  ask: (connection: NodeConnection) => Promise<T>,
): Promise<{ value: T; from: string } | { error: unknown; from: string }> {
  let last: { error: unknown; from: string } = { error: new Error('no node of the channel is in the spec'), from: '-' };
  for (const endpoint of endpoints) {
    const connection = new NodeConnection(endpoint, options);
    try {
      return { value: await ask(connection), from: endpoint.ref };
    } catch (error) {
      last = { error, from: endpoint.ref };
      // An orderer that answers "no such channel" speaks for all of them.
      if (error instanceof DeliverRefusedError && error.status === STATUS_NOT_FOUND) return last;
    } finally {
      connection.close();
    }
  }
  return last;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
