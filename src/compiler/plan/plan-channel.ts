// One channel: a new channel gets its genesis block; a live one gets the ConfigUpdate from its live config to the
// spec's, computed as configtxlator does, with every write, the values before and after, and who must sign.

import { sha256Hex } from '../../bytes.js';
import { type ConfigWrite, whoMustSign } from '../../policy/index.js';
import type { Diagnostic, StageResult } from '../diagnostics/index.js';
import {
  type BuiltChannelConfig,
  type ConfigGroupJson,
  type ConfigJson,
  type ConfigUpdateJson,
  canonical,
  computeUpdate,
  encode,
  fromJson,
  genesisBlock,
  type Json,
  type ProtoMessage,
  printJson,
  toJson,
} from '../fabric/index.js';
import type { ChannelModel, NetworkModel } from '../model/network-model.js';
import type { ChannelPlan, ChannelStage, ConfigDelta } from './plan.js';
import { planStages, type StagedChange } from './stages/index.js';
import type { LiveChannel } from './state/read-state.js';

export interface ChannelPlanResult {
  plan: ChannelPlan;
  /** Bundle-relative path -> bytes. */
  artifacts: Map<string, Uint8Array>;
  /** The live config as JSON (for guards), when the channel is updated. */
  liveConfig?: ConfigJson;
  /** The config this plan's update makes, as JSON (for guards): the spec's, or its first stage's when staged. */
  desiredConfig: ConfigJson;
  /** A staged change's later stages, each config after the one before it (for guards). */
  laterStages?: { liveConfig: ConfigJson; desiredConfig: ConfigJson; number: number; total: number }[];
  diagnostics: Diagnostic[];
}

/** `built` is the channel's config as the model makes it (channelConfigs, one builder for the whole plan). */
export function planChannel(
  model: NetworkModel,
  channel: ChannelModel,
  built: StageResult<BuiltChannelConfig>,
  live: LiveChannel | undefined,
  timestamp: Date,
): ChannelPlanResult {
  const orgs = new Map(model.organizations.map((org) => [org.name, org]));
  const base = {
    channel: channel.name,
    members: channel.members.map((name) => orgs.get(name)?.mspId ?? name),
    ordererOrgs: channel.orderer.organizations.map((name) => orgs.get(name)?.mspId ?? name),
  };
  if (!built.value) return failed(base, built.diagnostics);
  const desired = built.value.message;
  const desiredConfig = built.value.json as unknown as ConfigJson;
  const artifacts = new Map<string, Uint8Array>();

  if (!live) {
    const block = genesisBlock(desired, channel.name, { timestamp });
    const artifact = `fabric/${channel.name}/genesis.block`;
    artifacts.set(artifact, block);
    return {
      plan: { ...base, action: 'create', delta: [], signers: [], artifact, artifactHash: sha256Hex(block) },
      artifacts,
      desiredConfig,
      diagnostics: [],
    };
  }

  const baseline = { baseSequence: String(live.config.sequence ?? 0), baseBlock: live.blockNumber };
  const unchanged = (): ChannelPlanResult => ({
    plan: { ...base, ...baseline, action: 'noop', delta: [], signers: [] },
    artifacts,
    desiredConfig,
    diagnostics: [],
  });
  // Items whose bytes equal ours are unchanged whoever encoded them, so most channels of a large network end
  // here, without converting their live config.
  const asLive = computeUpdate(channel.name, live.config, desired);
  if (!asLive.value && asLive.diagnostics.every((d) => d.code === 'NS_FABRIC_NO_CHANGES')) return unchanged();
  // Something differs. Re-encode the live config canonically before the real comparison: Go marshals maps in
  // random order, so its ACLs or capabilities can differ from ours in bytes and not in content.
  const canonicalLive = canonical(live.config, { source: live.file, ours: desired });
  if (!canonicalLive.value) return failed(base, canonicalLive.diagnostics);
  const liveConfig = live.configJson();
  const staged = planStages(liveConfig, desiredConfig);
  let target = desired;
  let targetConfig = desiredConfig;
  if (staged) {
    const first = fromJson('common.Config', staged.stages[0]!.target as unknown as Json);
    if (!first.value) return failed(base, first.diagnostics);
    target = first.value;
    targetConfig = staged.stages[0]!.target;
  }
  const update = computeUpdate(channel.name, canonicalLive.value, target);
  if (!update.value) {
    if (update.diagnostics.every((d) => d.code === 'NS_FABRIC_NO_CHANGES')) return unchanged();
    return failed(base, update.diagnostics);
  }
  const bytes = encode('common.ConfigUpdate', update.value);
  if (!bytes.value) return failed(base, bytes.diagnostics);
  const updateJson = jsonOf('common.ConfigUpdate', update.value) as unknown as ConfigUpdateJson;
  const { writes, requirements } = whoMustSign(liveConfig, updateJson);
  const artifact = `fabric/${channel.name}/update.pb`;
  artifacts.set(artifact, bytes.value);
  artifacts.set(
    `fabric/${channel.name}/update.json`,
    new TextEncoder().encode(printJson(updateJson as unknown as Json)),
  );
  return {
    plan: {
      ...base,
      ...baseline,
      action: 'update',
      delta: writes.map((write) => withValues(write, liveConfig.channel_group, updateJson.write_set)),
      signers: requirements,
      artifact,
      artifactHash: sha256Hex(bytes.value),
      ...(staged ? { stages: numberedStages(staged) } : {}),
    },
    artifacts,
    liveConfig,
    desiredConfig: targetConfig,
    ...(staged ? { laterStages: laterStages(staged) } : {}),
    diagnostics: [],
  };
}

function numberedStages(staged: StagedChange): ChannelStage[] {
  return [
    ...staged.applied.map((stage) => ({ ...stage, status: 'applied' as const })),
    ...staged.stages.map(
      ({ kind, title }, index) => ({ kind, title, status: index === 0 ? 'this' : 'later' }) as const,
    ),
  ].map(({ kind, title, status }, index) => ({ number: index + 1, kind, title, status }));
}

function laterStages(staged: StagedChange): NonNullable<ChannelPlanResult['laterStages']> {
  const total = staged.applied.length + staged.stages.length;
  return staged.stages.slice(1).map((stage, index) => ({
    liveConfig: staged.stages[index]!.target,
    desiredConfig: stage.target,
    number: staged.applied.length + index + 2,
    total,
  }));
}

function failed(
  base: Pick<ChannelPlan, 'channel' | 'members' | 'ordererOrgs'>,
  diagnostics: Diagnostic[],
): ChannelPlanResult {
  return {
    plan: { ...base, action: 'noop', delta: [], signers: [] },
    artifacts: new Map(),
    desiredConfig: {
      channel_group: { groups: {}, mod_policy: '', policies: {}, values: {}, version: '0' },
      sequence: '0',
    },
    diagnostics,
  };
}

function jsonOf(type: string, message: ProtoMessage): Json {
  const json = toJson(type, message);
  if (json.value === undefined) throw new Error(`cannot render ${type} as JSON: ${json.diagnostics[0]?.message}`);
  return json.value;
}

/** Attach the item's content before (live config) and after (write set) to a write. */
function withValues(write: ConfigWrite, live: ConfigGroupJson, writeSet: ConfigGroupJson): ConfigDelta {
  const before = write.change === 'add' ? undefined : itemAt(live, write);
  const after = write.change === 'remove' ? undefined : itemAt(writeSet, write);
  return { ...write, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function itemAt(root: ConfigGroupJson, write: ConfigWrite): unknown {
  const names = write.path.split('/').filter(Boolean).slice(1);
  const own = write.kind === 'group' ? names : names.slice(0, -1);
  let group: ConfigGroupJson | undefined = root;
  for (const name of own) group = group?.groups?.[name];
  if (!group) return undefined;
  if (write.kind === 'group') {
    // A group is shown by what it holds, not by its (possibly huge) contents.
    return {
      groups: Object.keys(group.groups ?? {}).sort(),
      values: Object.keys(group.values ?? {}).sort(),
      policies: Object.keys(group.policies ?? {}).sort(),
      mod_policy: group.mod_policy,
    };
  }
  const name = names[names.length - 1]!;
  if (write.kind === 'value') return group.values?.[name]?.value;
  return group.policies?.[name]?.policy;
}
