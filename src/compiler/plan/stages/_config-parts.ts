// Readers and writers of the parts of a channel config (configtxlator JSON) that staged changes move one at a time:
// the consensus (type, state, metadata, the BFT consenter mapping and BlockValidation), the Raft consenters, and
// each organization's MSP roots. Writers return copies: a stage's target is built from the live and desired
// configs without touching either.
import { isDeepStrictEqual } from 'node:util';
import type { ConsenterJson } from '../../fabric/config/bft-block-validation.js';
import type { ConfigGroupJson, ConfigJson } from '../../fabric/index.js';

export const STATE_NORMAL = 'STATE_NORMAL';
export const STATE_MAINTENANCE = 'STATE_MAINTENANCE';

export interface ConsensusJson {
  type?: string;
  /** orderer.ConsensusType.State as configtxlator prints it; absent means STATE_NORMAL (proto3 default). */
  state?: string;
  metadata?: unknown;
}

/** One etcdraft consenter as configtxlator prints it: certificates are base64 of PEM bytes. */
export interface RaftConsenterJson {
  host: string;
  port: number;
  client_tls_cert: string;
  server_tls_cert: string;
}

export function consensusOf(config: ConfigJson): ConsensusJson {
  return (config.channel_group.groups.Orderer?.values.ConsensusType?.value as ConsensusJson | undefined) ?? {};
}

export function consensusState(config: ConfigJson): string {
  return consensusOf(config).state ?? STATE_NORMAL;
}

export function raftConsenters(config: ConfigJson): RaftConsenterJson[] {
  const consensus = consensusOf(config);
  if (consensus.type !== 'etcdraft') return [];
  return ((consensus.metadata as { consenters?: RaftConsenterJson[] } | undefined)?.consenters ?? []).map((c) => ({
    ...c,
  }));
}

export function bftConsenters(config: ConfigJson): ConsenterJson[] {
  const orderers = config.channel_group.groups.Orderer?.values.Orderers?.value as
    | { consenter_mapping?: ConsenterJson[] }
    | undefined;
  return orderers?.consenter_mapping ?? [];
}

/** The Orderer group's items that make up the consensus: what a Raft → BFT switch changes, and nothing else. */
const CONSENSUS_VALUES = ['ConsensusType', 'Orderers'] as const;
const CONSENSUS_POLICIES = ['BlockValidation'] as const;

/**
 * `base` with its consensus items taken from `from` (present there or absent), and ConsensusType's state set to
 * `state` when given.
 */
export function withConsensus(base: ConfigJson, from: ConfigJson, state?: string): ConfigJson {
  const result = structuredClone(base);
  const target = result.channel_group.groups.Orderer;
  const source = from.channel_group.groups.Orderer;
  if (!target || !source) return result;
  for (const name of CONSENSUS_VALUES) {
    if (source.values[name]) target.values[name] = structuredClone(source.values[name]);
    else delete target.values[name];
  }
  for (const name of CONSENSUS_POLICIES) {
    if (source.policies[name]) target.policies[name] = structuredClone(source.policies[name]);
    else delete target.policies[name];
  }
  if (state !== undefined && target.values.ConsensusType) {
    const value = { ...(target.values.ConsensusType.value as ConsensusJson), state };
    target.values.ConsensusType = { ...target.values.ConsensusType, value };
  }
  return result;
}

/** True when two configs hold the same items with the same contents, whatever their versions and sequence. */
export function sameContent(a: ConfigJson, b: ConfigJson): boolean {
  // A stage's target is often the desired config itself, compared with the stage before that was it too.
  if (a === b) return true;
  return isDeepStrictEqual(withoutVersions(a.channel_group), withoutVersions(b.channel_group));
}

function withoutVersions(group: ConfigGroupJson): unknown {
  const strip = (items: Record<string, { version?: string }> | undefined) =>
    Object.fromEntries(Object.entries(items ?? {}).map(([name, { version: _v, ...rest }]) => [name, rest]));
  return {
    mod_policy: group.mod_policy,
    values: strip(group.values),
    policies: strip(group.policies),
    groups: Object.fromEntries(Object.entries(group.groups ?? {}).map(([name, g]) => [name, withoutVersions(g)])),
  };
}

/** Every path (below /Channel) whose item differs between two configs, for messages: `Orderer/BatchSize`. */
export function changedPaths(a: ConfigJson, b: ConfigJson): string[] {
  const found: string[] = [];
  const visit = (x: ConfigGroupJson | undefined, y: ConfigGroupJson | undefined, path: string[]) => {
    if (!x || !y) {
      found.push(path.join('/'));
      return;
    }
    if (x.mod_policy !== y.mod_policy) found.push(`${path.join('/')} (mod_policy)`);
    for (const kind of ['values', 'policies'] as const) {
      const names = new Set([...Object.keys(x[kind] ?? {}), ...Object.keys(y[kind] ?? {})]);
      for (const name of [...names].sort()) {
        const [p, q] = [x[kind]?.[name], y[kind]?.[name]];
        const content = (item: typeof p) => (item ? { ...item, version: undefined } : undefined);
        if (!isDeepStrictEqual(content(p), content(q))) found.push([...path, name].join('/'));
      }
    }
    const groups = new Set([...Object.keys(x.groups ?? {}), ...Object.keys(y.groups ?? {})]);
    for (const name of [...groups].sort()) visit(x.groups?.[name], y.groups?.[name], [...path, name]);
  };
  visit(a.channel_group, b.channel_group, []);
  return found.map((path) => path || '(channel)');
}

/** The MSP root lists a rotation overlaps: old and new roots both present while certificates move. */
export const ROOT_LISTS = ['root_certs', 'intermediate_certs', 'tls_root_certs', 'tls_intermediate_certs'] as const;
export type RootList = (typeof ROOT_LISTS)[number];

export interface MspAt {
  /** Group names below /Channel: ['Orderer', 'OperatorMSP']. */
  path: string[];
  config: Record<string, unknown>;
}

/** Every organization's MSP config in a channel config, by the path of its group. */
export function mspsOf(config: ConfigJson): Map<string, MspAt> {
  const found = new Map<string, MspAt>();
  for (const section of ['Orderer', 'Application', 'Consortiums'] as const) {
    for (const [name, group] of Object.entries(config.channel_group.groups[section]?.groups ?? {})) {
      const msp = (group.values.MSP?.value as { config?: Record<string, unknown> } | undefined)?.config;
      if (msp) found.set(`${section}/${name}`, { path: [section, name], config: msp });
    }
  }
  return found;
}

export function rootsOf(msp: Record<string, unknown>, list: RootList): string[] {
  return (msp[list] as string[] | undefined) ?? [];
}

/** `base` with the root lists of the MSP at `path` replaced. */
export function withRoots(base: ConfigJson, path: readonly string[], roots: Partial<Record<RootList, string[]>>) {
  const result = structuredClone(base);
  let group: ConfigGroupJson | undefined = result.channel_group;
  for (const name of path) group = group?.groups?.[name];
  const value = group?.values.MSP?.value as { config?: Record<string, unknown> } | undefined;
  if (value?.config) for (const [list, certs] of Object.entries(roots)) value.config[list] = [...certs];
  return result;
}
