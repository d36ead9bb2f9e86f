// A channel's latest config block as `peer channel fetch config` gets it: Deliver the newest block, read the
// index of the last config block from its metadata (OrdererBlockMetadata in the SIGNATURES slot since Fabric 2.0,
// else the deprecated LAST_CONFIG slot), then Deliver that block.
import type { ProtoMessage } from '../../compiler/fabric/index.js';
import type { SigningIdentity } from '../../governance/index.js';
import type { NodeConnection } from './grpc-connection.js';
import { mustDecode, seekEnvelope } from './signed-envelopes.js';

const STATUS_SUCCESS = 200;
const METADATA_SIGNATURES = 0;
const METADATA_LAST_CONFIG = 1;

/** The orderer answered, but not with the block (e.g. NOT_FOUND: it does not serve that channel; FORBIDDEN). */
export class DeliverRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchBlock(
  connection: NodeConnection,
  identity: SigningIdentity,
  channel: string,
  position: 'newest' | bigint,
): Promise<Uint8Array> {
  const answer = await connection.deliver(seekEnvelope(identity, channel, position));
  const block = answer.blocks[0];
  if (answer.status !== STATUS_SUCCESS || !block)
    throw new DeliverRefusedError(
      answer.status,
      `${connection.endpoint.ref} refused to deliver block ${position} of ${channel} (status ${statusName(answer.status)})`,
    );
  return block;
}

export async function fetchConfigBlock(
  connection: NodeConnection,
  identity: SigningIdentity,
  channel: string,
): Promise<{ block: Uint8Array; number: bigint }> {
  const newest = await fetchBlock(connection, identity, channel, 'newest');
  const index = lastConfigIndex(newest);
  const newestNumber = blockNumber(newest);
  if (index === newestNumber) return { block: newest, number: index };
  return { block: await fetchBlock(connection, identity, channel, index), number: index };
}

export function blockNumber(block: Uint8Array): bigint {
  const header = mustDecode('common.Block', block).header as ProtoMessage | null;
  return BigInt(String(header?.number ?? 0));
}

export function lastConfigIndex(block: Uint8Array): bigint {
  const metadata = ((mustDecode('common.Block', block).metadata as ProtoMessage | null)?.metadata ??
    []) as Uint8Array[];
  const signatures = metadata[METADATA_SIGNATURES];
  if (signatures && signatures.length > 0) {
    const value = mustDecode('common.Metadata', signatures).value as Uint8Array | undefined;
    if (value && value.length > 0) {
      const ordererMetadata = mustDecode('common.OrdererBlockMetadata', value);
      const lastConfig = ordererMetadata.last_config as ProtoMessage | null;
      if (lastConfig) return BigInt(String(lastConfig.index ?? 0));
    }
  }
  const legacy = metadata[METADATA_LAST_CONFIG];
  if (legacy && legacy.length > 0) {
    const value = mustDecode('common.Metadata', legacy).value as Uint8Array | undefined;
    return BigInt(String(mustDecode('common.LastConfig', value).index ?? 0));
  }
  // A genesis block carries no metadata yet: it is its own config block.
  return blockNumber(block);
}

export function statusName(status: number): string {
  const names: Record<number, string> = {
    0: 'no status',
    200: 'SUCCESS',
    400: 'BAD_REQUEST',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    413: 'REQUEST_ENTITY_TOO_LARGE',
    500: 'INTERNAL_SERVER_ERROR',
    501: 'NOT_IMPLEMENTED',
    503: 'SERVICE_UNAVAILABLE',
  };
  return names[status] ? `${status} ${names[status]}` : String(status);
}
