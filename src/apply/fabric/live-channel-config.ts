// What apply needs to know about a channel's live config block: its config sequence, the block number, and the
// config update that produced it (ConfigEnvelope.last_update), so re-applying an applied bundle is recognised.
import type { ProtoMessage } from '../../compiler/fabric/index.js';
import { mustDecode } from './signed-envelopes.js';

export interface LiveConfigFacts {
  sequence: bigint;
  blockNumber: bigint;
  /** The exact config_update bytes of the update that made this config; undefined for a genesis config. */
  lastUpdate?: Uint8Array;
}

export function liveConfigFacts(block: Uint8Array): LiveConfigFacts {
  const decoded = mustDecode('common.Block', block);
  const blockNumber = BigInt(String((decoded.header as ProtoMessage | null)?.number ?? 0));
  const data = ((decoded.data as ProtoMessage | null)?.data ?? []) as Uint8Array[];
  const payload = mustDecode('common.Payload', mustDecode('common.Envelope', data[0]).payload as Uint8Array);
  const configEnvelope = mustDecode('common.ConfigEnvelope', payload.data as Uint8Array);
  const sequence = BigInt(String((configEnvelope.config as ProtoMessage | null)?.sequence ?? 0));
  const lastUpdate = configEnvelope.last_update as ProtoMessage | null | undefined;
  if (!lastUpdate?.payload) return { sequence, blockNumber };
  const updatePayload = mustDecode('common.Payload', lastUpdate.payload as Uint8Array);
  const updateEnvelope = mustDecode('common.ConfigUpdateEnvelope', updatePayload.data as Uint8Array);
  return {
    sequence,
    blockNumber,
    lastUpdate: (updateEnvelope.config_update as Uint8Array | undefined) ?? new Uint8Array(),
  };
}
