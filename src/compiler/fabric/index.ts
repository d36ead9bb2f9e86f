// Fabric channel configuration bytes: the codec (decode, encode, configtxlator JSON, compute-update, config
// blocks, update envelopes) and the channel config builder that turns the model into what configtxgen would make.
import type { StageResult } from '../diagnostics/index.js';
import type { NetworkModel } from '../model/network-model.js';
import { genesisBlock } from './block/index.js';
import { fromJson, type Json, type ProtoMessage } from './codec.js';
import { channelConfigJson } from './config/channel-config.js';

export * from './codec.js';

/** A channel's `common.Config` built from the model, as configtxgen builds it from an equivalent configtx.yaml. */
export function buildChannelConfig(model: NetworkModel, channelName: string): StageResult<ProtoMessage> {
  return fromJson('common.Config', channelConfigJson(model, channelName) as Json);
}

/** The channel's genesis block (`configtxgen -outputBlock`), deterministic for a given timestamp. */
export function buildGenesisBlock(model: NetworkModel, channelName: string, timestamp: Date): StageResult<Uint8Array> {
  const config = buildChannelConfig(model, channelName);
  if (!config.value) return { value: undefined, diagnostics: config.diagnostics };
  return { value: genesisBlock(config.value, channelName, { timestamp }), diagnostics: [] };
}
