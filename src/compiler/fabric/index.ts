// Fabric channel configuration bytes: the codec (decode, encode, configtxlator JSON, compute-update, config
// blocks, update envelopes) and the channel config builder that turns the model into what configtxgen would make.
import type { Diagnostic, StageResult } from '../diagnostics/index.js';
import type { NetworkModel } from '../model/network-model.js';
import { genesisBlock } from './block/index.js';
import type { Json, ProtoMessage } from './codec.js';
import { channelConfigBuilder } from './config/channel-config.js';
import { CodecError } from './proto/index.js';

export * from './codec.js';
export type { ConfigGroupJson, ConfigJson, ConfigUpdateJson } from './config/config-json.js';

/** A channel config built from the model: the message, and the configtxlator JSON it was made from. */
export interface BuiltChannelConfig {
  message: ProtoMessage;
  /** Equal to the message's toJson (a test holds it to that), so readers need not convert it back. Read-only. */
  json: Json;
}

/**
 * The channel configs of one model, as configtxgen builds them from an equivalent configtx.yaml. Each
 * organization's MSP value and policies are read and encoded once, for all the channels asked for: a plan asks
 * for every channel of one builder. The parts are shared between the configs built, so they are read-only.
 */
export function channelConfigs(model: NetworkModel): (channelName: string) => StageResult<BuiltChannelConfig> {
  const builder = channelConfigBuilder(model);
  return (channelName) => {
    try {
      const { json, message } = builder.build(channelName);
      return { value: { message, json }, diagnostics: [] };
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      const diagnostic: Diagnostic = {
        code: 'NS_FABRIC_JSON_INVALID',
        severity: 'error',
        message: error.message,
        ranges: [],
      };
      return { value: undefined, diagnostics: [diagnostic] };
    }
  };
}

/** A channel's `common.Config` built from the model, as configtxgen builds it from an equivalent configtx.yaml. */
export function buildChannelConfig(model: NetworkModel, channelName: string): StageResult<BuiltChannelConfig> {
  return channelConfigs(model)(channelName);
}

/** The channel's genesis block (`configtxgen -outputBlock`), deterministic for a given timestamp. */
export function buildGenesisBlock(model: NetworkModel, channelName: string, timestamp: Date): StageResult<Uint8Array> {
  const config = buildChannelConfig(model, channelName);
  if (!config.value) return { value: undefined, diagnostics: config.diagnostics };
  return { value: genesisBlock(config.value.message, channelName, { timestamp }), diagnostics: [] };
}
