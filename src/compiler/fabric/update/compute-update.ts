// The ConfigUpdate between two channel configs, computed as `configtxlator compute_update` does
// (Fabric internal/configtxlator/update/update.go): unchanged items are carried in the read set by version,
// changed items go to the write set at version + 1, new items at version 0, removed items are simply absent;
// a group whose membership or mod_policy changed is bumped and carries all its unchanged children in both sets.
import Long from 'long';
import type { ProtoMessage } from '../proto/wire.js';

type Item = ProtoMessage;
type ItemMap = Record<string, Item>;

interface MapUpdate {
  readSet: ItemMap;
  writeSet: ItemMap;
  sameSet: ItemMap;
  membersChanged: boolean;
}

interface GroupUpdate {
  readSet: Item;
  writeSet: Item;
  changed: boolean;
}

/**
 * The read and write sets that turn `original` into `updated` (both `common.Config`), or undefined when they
 * do not differ. Versions are Longs; the result is a `common.ConfigUpdate` ready to encode.
 */
export function computeConfigUpdate(channelId: string, original: Item, updated: Item): Item | undefined {
  const before = groupOf(original.channel_group);
  const after = groupOf(updated.channel_group);
  // Most channels of a plan are unchanged: seeing that needs no read or write set.
  if (sameGroup(before, after)) return undefined;
  const result = computeGroupUpdate(before, after);
  if (!result.changed) return undefined;
  return { channel_id: channelId, read_set: result.readSet, write_set: result.writeSet };
}

function groupOf(value: unknown): Item {
  return (value as Item | null | undefined) ?? {};
}

function version(item: Item): Long {
  return item.version == null ? Long.UZERO : Long.fromValue(item.version as Long, true);
}

const NO_BYTES = new Uint8Array(0);

/** Compared in place: a config's values are mostly certificates, and copying them to compare is garbage. */
function bytesEqual(a: unknown, b: unknown): boolean {
  return Buffer.compare((a as Uint8Array | null) ?? NO_BYTES, (b as Uint8Array | null) ?? NO_BYTES) === 0;
}

/** proto.Equal on two common.Policy messages: both absent, or the same type and value bytes. */
function policyEqual(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  const x = a as Item;
  const y = b as Item;
  return Number(x.type ?? 0) === Number(y.type ?? 0) && bytesEqual(x.value, y.value);
}

function sortedKeys(map: ItemMap): string[] {
  return Object.keys(map).sort();
}

function computeItemsUpdate(
  original: ItemMap,
  updated: ItemMap,
  content: 'policy' | 'value',
  same: (a: Item, b: Item) => boolean,
): MapUpdate {
  const out: MapUpdate = { readSet: {}, writeSet: {}, sameSet: {}, membersChanged: false };
  for (const name of sortedKeys(original)) {
    const before = original[name]!;
    const after = updated[name];
    if (!after) {
      out.membersChanged = true;
      continue;
    }
    if (same(before, after)) {
      out.sameSet[name] = { version: version(before) };
      continue;
    }
    out.writeSet[name] = { version: version(before).add(1), mod_policy: after.mod_policy, [content]: after[content] };
  }
  for (const name of sortedKeys(updated)) {
    if (Object.hasOwn(original, name)) continue;
    out.membersChanged = true;
    const after = updated[name]!;
    out.writeSet[name] = { version: Long.UZERO, mod_policy: after.mod_policy, [content]: after[content] };
  }
  return out;
}

function computeGroupsUpdate(original: ItemMap, updated: ItemMap): MapUpdate {
  const out: MapUpdate = { readSet: {}, writeSet: {}, sameSet: {}, membersChanged: false };
  for (const name of sortedKeys(original)) {
    const after = updated[name];
    if (!after) {
      out.membersChanged = true;
      continue;
    }
    const result = computeGroupUpdate(original[name]!, after);
    if (!result.changed) {
      out.sameSet[name] = result.readSet;
      continue;
    }
    out.readSet[name] = result.readSet;
    out.writeSet[name] = result.writeSet;
  }
  for (const name of sortedKeys(updated)) {
    if (Object.hasOwn(original, name)) continue;
    out.membersChanged = true;
    const after = updated[name]!;
    // A new group is written whole, every element at version 0.
    const { writeSet } = computeGroupUpdate({}, after);
    out.writeSet[name] = {
      version: Long.UZERO,
      mod_policy: after.mod_policy,
      policies: writeSet.policies,
      values: writeSet.values,
      groups: writeSet.groups,
    };
  }
  return out;
}

function mapOf(value: unknown): ItemMap {
  return (value as ItemMap | null | undefined) ?? {};
}

/**
 * True where computeGroupUpdate would find no change: the same members everywhere, the same mod_policy on every
 * group and item, equal policies and value bytes. Versions are not compared, as there.
 */
function sameGroup(original: Item, updated: Item): boolean {
  return (
    (original.mod_policy ?? '') === (updated.mod_policy ?? '') &&
    sameItems(mapOf(original.policies), mapOf(updated.policies), samePolicy) &&
    sameItems(mapOf(original.values), mapOf(updated.values), sameValue) &&
    sameItems(mapOf(original.groups), mapOf(updated.groups), sameGroup)
  );
}

const samePolicy = (a: Item, b: Item) => a.mod_policy === b.mod_policy && policyEqual(a.policy, b.policy);
const sameValue = (a: Item, b: Item) => a.mod_policy === b.mod_policy && bytesEqual(a.value, b.value);

function sameItems(original: ItemMap, updated: ItemMap, same: (a: Item, b: Item) => boolean): boolean {
  const names = Object.keys(original);
  if (names.length !== Object.keys(updated).length) return false;
  for (const name of names) {
    const after = Object.hasOwn(updated, name) ? updated[name] : undefined;
    if (!after || !same(original[name]!, after)) return false;
  }
  return true;
}

function computeGroupUpdate(original: Item, updated: Item): GroupUpdate {
  const policies = computeItemsUpdate(mapOf(original.policies), mapOf(updated.policies), 'policy', samePolicy);
  const values = computeItemsUpdate(mapOf(original.values), mapOf(updated.values), 'value', sameValue);
  const groups = computeGroupsUpdate(mapOf(original.groups), mapOf(updated.groups));
  const sameModPolicy = (original.mod_policy ?? '') === (updated.mod_policy ?? '');

  if (!policies.membersChanged && !values.membersChanged && !groups.membersChanged && sameModPolicy) {
    const nothingChanged = [policies, values, groups].every(
      (set) => Object.keys(set.readSet).length === 0 && Object.keys(set.writeSet).length === 0,
    );
    if (nothingChanged)
      return { readSet: { version: version(original) }, writeSet: { version: version(original) }, changed: false };
    // Same membership: the group itself stays at its version and holds only what changed.
    return {
      readSet: {
        version: version(original),
        policies: policies.readSet,
        values: values.readSet,
        groups: groups.readSet,
      },
      writeSet: {
        version: version(original),
        policies: policies.writeSet,
        values: values.writeSet,
        groups: groups.writeSet,
      },
      changed: true,
    };
  }

  // Membership or mod_policy changed: the group is bumped, and its unchanged children are pinned in both sets.
  for (const set of [policies, values, groups]) {
    for (const [name, item] of Object.entries(set.sameSet)) {
      set.readSet[name] = item;
      set.writeSet[name] = item;
    }
  }
  return {
    readSet: { version: version(original), policies: policies.readSet, values: values.readSet, groups: groups.readSet },
    writeSet: {
      version: version(original).add(1),
      policies: policies.writeSet,
      values: values.writeSet,
      groups: groups.writeSet,
      mod_policy: updated.mod_policy,
    },
    changed: true,
  };
}
