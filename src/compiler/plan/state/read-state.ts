// The live network as its own tools export it (the state folder):
//   fabric/<channel>.block            latest config block (`peer channel fetch config`)
//   fabric/<channel>.chaincodes.json  committed chaincode definitions (`peer lifecycle chaincode querycommitted -O json`)
//   quorum/<network>.json             {"validators": [...], "blockNumber": N, "transitions"?: [...]}
//   users/<org>.json                  the application users apply --users last converged (users-state.ts)
// A channel or network without a file is new. Every problem names the file it is in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, StageResult } from '../../diagnostics/index.js';
import { type ConfigJson, configBlockInfo, type ProtoMessage, toJson } from '../../fabric/index.js';
import type { NetworkModel } from '../../model/network-model.js';
import { type CommittedChaincode, readChaincodesState } from './read-chaincodes-state.js';
import { type QuorumState, readQuorumState } from './read-quorum-state.js';
import { stateError } from './state-error.js';
import { type RecordedUser, readUsersState, usersStateFile } from './users-state.js';

export interface LiveChannel {
  file: string;
  config: ProtoMessage;
  blockNumber: string;
  /**
   * The exact config_update bytes of the update that made this config (ConfigEnvelope.last_update), so an update
   * that is already live is recognised; undefined for a genesis config.
   */
  lastUpdate?: Uint8Array;
  /** The config as configtxlator JSON, converted once on first use and shared by the plan and verification. */
  configJson(): ConfigJson;
}

export interface LiveState {
  channels: Map<string, LiveChannel>;
  chaincodes: Map<string, CommittedChaincode[]>;
  quorum: Map<string, QuorumState>;
  /** Per organization with a record: the file and the users apply --users last converged. */
  users: Map<string, { file: string; users: RecordedUser[] }>;
}

export function readState(stateDir: string, model: NetworkModel): StageResult<LiveState> {
  const diagnostics: Diagnostic[] = [];
  const state: LiveState = { channels: new Map(), chaincodes: new Map(), quorum: new Map(), users: new Map() };
  for (const channel of model.channels) {
    const blockFile = join(stateDir, 'fabric', `${channel.name}.block`);
    if (existsSync(blockFile)) {
      const info = configBlockInfo(new Uint8Array(readFileSync(blockFile)), { source: blockFile });
      if (!info.value) {
        diagnostics.push(...info.diagnostics.map((d) => ({ ...d, message: `${blockFile}: ${d.message}` })));
      } else if (info.value.channelId !== channel.name) {
        diagnostics.push(
          stateError(
            blockFile,
            `is a config block of channel '${info.value.channelId}', not '${channel.name}'`,
            'NS_STATE_WRONG_CHANNEL',
          ),
        );
      } else {
        const { config, blockNumber, lastUpdate } = info.value;
        let json: ConfigJson | undefined;
        state.channels.set(channel.name, {
          file: blockFile,
          config,
          blockNumber,
          ...(lastUpdate ? { lastUpdate } : {}),
          configJson: () => {
            json ??= configJsonOf(config, blockFile);
            return json;
          },
        });
      }
    }
    const chaincodesFile = join(stateDir, 'fabric', `${channel.name}.chaincodes.json`);
    if (existsSync(chaincodesFile)) {
      const committed = readChaincodesState(chaincodesFile);
      diagnostics.push(...committed.diagnostics);
      if (committed.value) state.chaincodes.set(channel.name, committed.value);
    }
  }
  for (const network of model.quorum) {
    const file = join(stateDir, 'quorum', `${network.name}.json`);
    if (!existsSync(file)) continue;
    const live = readQuorumState(file);
    diagnostics.push(...live.diagnostics);
    if (live.value) state.quorum.set(network.name, live.value);
  }
  for (const org of model.organizations) {
    const file = usersStateFile(stateDir, org.name);
    if (!existsSync(file)) continue;
    const recorded = readUsersState(file);
    diagnostics.push(...recorded.diagnostics);
    if (recorded.value) state.users.set(org.name, { file, users: recorded.value });
  }
  return { value: diagnostics.length > 0 ? undefined : state, diagnostics };
}

/** A decoded config always converts (both directions read one descriptor); a failure here is a netspec bug. */
function configJsonOf(config: ProtoMessage, file: string): ConfigJson {
  const json = toJson('common.Config', config);
  if (json.value === undefined)
    throw new Error(`${file}: the config does not convert to JSON: ${json.diagnostics[0]?.message}`);
  return json.value as unknown as ConfigJson;
}
