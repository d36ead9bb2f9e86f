// A channel's live config as the policy engine reads it: the config block (state folder or a fetched block),
// decoded to configtxlator JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigJson, configBlockInfo, toJson } from '../compiler/fabric/index.js';

export interface LiveConfig {
  channelId: string;
  config: ConfigJson;
  blockNumber: string;
  /**
   * The exact config_update bytes of the update that made this config (ConfigEnvelope.last_update), so an update
   * that is already live is recognised; undefined for a genesis config.
   */
  lastUpdate?: Uint8Array;
}

export function readConfigBlockFile(file: string): { live: LiveConfig } | { error: string } {
  if (!existsSync(file)) return { error: `${file} does not exist` };
  return readConfigBlock(new Uint8Array(readFileSync(file)), file);
}

/** A config block's bytes read elsewhere (committed in git, say); `file` names them in messages. */
export function readConfigBlock(bytes: Uint8Array, file: string): { live: LiveConfig } | { error: string } {
  const info = configBlockInfo(bytes, { source: file });
  if (!info.value) return { error: `${file}: ${info.diagnostics[0]?.message ?? 'not a config block'}` };
  const json = toJson('common.Config', info.value.config);
  if (!json.value) return { error: `${file}: ${json.diagnostics[0]?.message ?? 'the config does not decode'}` };
  const { lastUpdate } = info.value;
  return {
    live: {
      channelId: info.value.channelId,
      config: json.value as unknown as ConfigJson,
      blockNumber: info.value.blockNumber,
      ...(lastUpdate ? { lastUpdate } : {}),
    },
  };
}

/** The state folder's block for a channel (`fabric/<channel>.block`). */
export function readStateChannel(stateDir: string, channel: string): { live: LiveConfig } | { error: string } {
  return readConfigBlockFile(join(stateDir, 'fabric', `${channel}.block`));
}
