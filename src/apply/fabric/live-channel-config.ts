// What apply needs to know about a channel's live config block: its config sequence, the block number, and the
// config update that produced it (ConfigEnvelope.last_update), so re-applying an applied bundle is recognised.
import { configBlockInfo } from '../../compiler/fabric/index.js';

export interface LiveConfigFacts {
  sequence: bigint;
  blockNumber: bigint;
  /** The exact config_update bytes of the update that made this config; undefined for a genesis config. */
  lastUpdate?: Uint8Array;
}

export function liveConfigFacts(block: Uint8Array): LiveConfigFacts {
  const info = configBlockInfo(block);
  if (!info.value)
    throw new Error(`the orderer sent a block that is not a config block: ${info.diagnostics[0]?.message}`);
  const { config, blockNumber, lastUpdate } = info.value;
  return {
    sequence: BigInt(String(config.sequence ?? 0)),
    blockNumber: BigInt(blockNumber),
    ...(lastUpdate ? { lastUpdate } : {}),
  };
}
