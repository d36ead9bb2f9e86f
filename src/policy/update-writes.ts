// What an orderer authorizes in a ConfigUpdate, by Fabric's rules (configtx validation):
//  - the delta is every write-set item whose version differs from the read set (or that the read set lacks);
//  - an existing item must move to exactly version + 1, and the *existing* item's mod_policy must be satisfied;
//  - a new item must be at version 0 and needs no policy of its own: its parent group's version bump (and that
//    group's mod_policy) authorizes it. Removing items likewise rides on the parent group's bump.
// A mod_policy resolves against the item's containing group; for a group, against the group itself.
import {
  type ConfigGroupJson,
  type ConfigJson,
  type ConfigUpdateJson,
  groupAt,
  ROOT_GROUP,
} from '../compiler/fabric/config/config-json.js';
import { modPolicyPath } from './resolve-policy.js';

export type ItemKind = 'group' | 'value' | 'policy';

export interface ConfigWrite {
  /** `/Channel/Application/Org3MSP` (a group), `/Channel/Orderer/BatchSize` (a value or policy). */
  path: string;
  kind: ItemKind;
  change: 'add' | 'modify' | 'remove';
  /** Existing version before the update (absent for an addition). */
  fromVersion?: string;
  toVersion?: string;
  /** The policy Fabric evaluates for this write; absent when the parent group's bump authorizes it. */
  policyPath?: string;
  /** A problem Fabric would reject the update for (wrong version). */
  problem?: string;
}

interface FlatItem {
  kind: ItemKind;
  groupPath: string[];
  name: string;
  version: string;
  modPolicy: string;
}

function flatten(group: ConfigGroupJson, path: string[], into: Map<string, FlatItem>): void {
  into.set(keyOf('group', path), {
    kind: 'group',
    groupPath: path.slice(0, -1),
    name: path[path.length - 1]!,
    version: group.version,
    modPolicy: group.mod_policy,
  });
  for (const [kind, items] of [
    ['value', group.values],
    ['policy', group.policies],
  ] as const)
    for (const [name, item] of Object.entries(items ?? {}))
      into.set(keyOf(kind, [...path, name]), {
        kind,
        groupPath: path,
        name,
        version: item.version,
        modPolicy: item.mod_policy,
      });
  for (const [name, child] of Object.entries(group.groups ?? {})) flatten(child, [...path, name], into);
}

function keyOf(kind: ItemKind, path: readonly string[]): string {
  return `${kind} /${path.join('/')}`;
}

export function configWrites(current: ConfigJson, update: ConfigUpdateJson): ConfigWrite[] {
  const existing = new Map<string, FlatItem>();
  flatten(current.channel_group, [ROOT_GROUP], existing);
  const reads = new Map<string, FlatItem>();
  flatten(update.read_set, [ROOT_GROUP], reads);
  const writes = new Map<string, FlatItem>();
  flatten(update.write_set, [ROOT_GROUP], writes);

  const result: ConfigWrite[] = [];
  for (const [key, item] of writes) {
    const read = reads.get(key);
    if (read && read.version === item.version) continue;
    const path = `/${[...item.groupPath, item.name].join('/')}`;
    const before = existing.get(key);
    if (!before) {
      result.push({
        path,
        kind: item.kind,
        change: 'add',
        toVersion: item.version,
        ...(item.version !== '0' ? { problem: `a new ${item.kind} must be at version 0, not ${item.version}` } : {}),
      });
      continue;
    }
    const expected = (BigInt(before.version) + 1n).toString();
    // Fabric evaluates the mod_policy the item has *now*; a group's policies live in the group itself.
    const managerPath = item.kind === 'group' ? [...item.groupPath, item.name] : item.groupPath;
    result.push({
      path,
      kind: item.kind,
      change: 'modify',
      fromVersion: before.version,
      toVersion: item.version,
      policyPath: modPolicyPath(managerPath, before.modPolicy),
      ...(item.version !== expected ? { problem: `must move to version ${expected}, not ${item.version}` } : {}),
    });
    if (item.kind === 'group') result.push(...removedChildren(current, update, [...item.groupPath, item.name]));
  }
  return result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Items of a bumped group that the write set no longer holds: removed, authorized by the group's bump. */
function removedChildren(current: ConfigJson, update: ConfigUpdateJson, path: string[]): ConfigWrite[] {
  const before = groupAt(current.channel_group, path.slice(1));
  const after = groupAt(update.write_set, path.slice(1));
  if (!before || !after) return [];
  const removed: ConfigWrite[] = [];
  const prefix = `/${path.join('/')}`;
  const check = (kind: ItemKind, was: Record<string, { version: string }>, now: Record<string, unknown>) => {
    for (const [name, item] of Object.entries(was ?? {})) {
      if (!(name in (now ?? {})))
        removed.push({ path: `${prefix}/${name}`, kind, change: 'remove', fromVersion: item.version });
    }
  };
  check('group', before.groups, after.groups);
  check('value', before.values, after.values);
  check('policy', before.policies, after.policies);
  return removed;
}
