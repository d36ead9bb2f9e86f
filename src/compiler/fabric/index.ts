// Fabric channel configuration bytes: the codec (decode, encode, configtxlator JSON, compute-update, config
// blocks, update envelopes) and the channel config builder that turns the model into what configtxgen would make.
import type { StageResult } from '../diagnostics/index.js';
import type { NetworkModel } from '../model/network-model.js';
import { genesisBlock } from './block/index.js';
import { fromJson, type Json, type ProtoMessage } from './codec.js';
import { channelConfigJson } from './config/channel-config.js';

export * from './codec.js';
export type { ConfigGroupJson, ConfigJson, ConfigUpdateJson } from './config/config-json.js';

/** A channel config built from the model: the message, and the configtxlator JSON it was made from. */
export interface BuiltChannelConfig {
  message: ProtoMessage;
  /** Equal to the message's toJson (a test holds it to that), so readers need not convert it back. Read-only. */
  json: Json;
}

/** A channel's `common.Config` built from the model, as configtxgen builds it from an equivalent configtx.yaml. */
export function buildChannelConfig(model: NetworkModel, channelName: string): StageResult<BuiltChannelConfig> {
  const json = channelConfigJson(model, channelName) as Json;
  const message = fromJson('common.Config', json);
  if (!message.value) return { value: undefined, diagnostics: message.diagnostics };
  return { value: { message: message.value, json }, diagnostics: message.diagnostics };
}

/** The channel's genesis block (`configtxgen -outputBlock`), deterministic for a given timestamp. */
export function buildGenesisBlock(model: NetworkModel, channelName: string, timestamp: Date): StageResult<Uint8Array> {
  const config = buildChannelConfig(model, channelName);
  if (!config.value) return { value: undefined, diagnostics: config.diagnostics };
  return { value: genesisBlock(config.value.message, channelName, { timestamp }), diagnostics: [] };
}
