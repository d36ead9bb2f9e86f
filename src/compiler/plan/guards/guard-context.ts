// What a safety guard sees: the plan being made, the live and desired configs, and a report function that
// turns a finding into a blocking error unless the spec's `allow` names its code.
import type { ConfigGroupJson, ConfigJson } from '../../fabric/index.js';
import type { NetworkModel } from '../../model/network-model.js';
import type { Finding } from '../../validate/index.js';
import type { ChaincodePlan, QuorumPlan } from '../plan.js';
import type { ChannelPlanResult } from '../plan-channel.js';

export interface GuardContext {
  readonly model: NetworkModel;
  /** The time certificates are judged at. */
  readonly now?: Date;
  readonly channels: readonly ChannelPlanResult[];
  readonly chaincodes: readonly ChaincodePlan[];
  readonly quorum: readonly QuorumPlan[];
  /** `target` names the channel or Quorum network the finding concerns. */
  report(target: string, finding: Finding): void;
}

/** A safety guard: one rule that a change to a live network must not break. */
export type Guard = (ctx: GuardContext) => void;

/** Channel updates only: guards judge what changes on a live channel. */
export function updatedChannels(ctx: GuardContext): (ChannelPlanResult & { liveConfig: ConfigJson })[] {
  return ctx.channels.filter(
    (c): c is ChannelPlanResult & { liveConfig: ConfigJson } => c.plan.action === 'update' && !!c.liveConfig,
  );
}

export function consenterKeys(config: ConfigJson): string[] {
  const consensus = config.channel_group.groups.Orderer?.values.ConsensusType?.value as
    | { metadata?: { consenters?: { host: string; port: number }[] } }
    | undefined;
  return (consensus?.metadata?.consenters ?? []).map((c) => `${c.host}:${c.port}`);
}

export function subGroupNames(config: ConfigJson, group: 'Application' | 'Orderer'): string[] {
  return Object.keys(config.channel_group.groups[group]?.groups ?? {});
}

export function channelAt(channel: string): Finding['at'] {
  return ['channels', channel];
}

/** Every group path in a config, for guards that inspect policies throughout. */
export function walkGroups(
  group: ConfigGroupJson,
  path: string[],
  visit: (group: ConfigGroupJson, path: string[]) => void,
): void {
  visit(group, path);
  for (const [name, child] of Object.entries(group.groups ?? {})) walkGroups(child, [...path, name], visit);
}
