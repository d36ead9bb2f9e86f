// The channel config a ConfigUpdate makes, as Fabric's configtx validator computes it (common/configtx/update.go
// computeDeltaSet, validator.go computeUpdateResult): the delta is every write-set item whose version differs
// from the read set's (or that the read set lacks); delta items replace the live ones; a group in the delta has
// exactly the write set's members, any other group keeps its own. The sequence moves by one.
// Used to judge a bundle's own update bytes by what they would do, not by what the plan says they do.
import type { ConfigGroupJson, ConfigJson, ConfigUpdateJson } from '../config/config-json.js';

export function configAfterUpdate(live: ConfigJson, update: ConfigUpdateJson): ConfigJson {
  return {
    sequence: String(BigInt(live.sequence ?? '0') + 1n),
    channel_group: mergeGroup(live.channel_group, update.write_set, update.read_set),
  };
}

type Items<T> = Record<string, T>;

function mergeGroup(
  live: ConfigGroupJson | undefined,
  write: ConfigGroupJson,
  read: ConfigGroupJson | undefined,
): ConfigGroupJson {
  if (!live) return write;
  const inDelta = !read || version(read) !== version(write);
  const members = inDelta ? write : live;
  const pick = <T extends { version?: string }>(
    names: Items<T> | undefined,
    writeItems: Items<T> | undefined,
    readItems: Items<T> | undefined,
    liveItems: Items<T> | undefined,
  ): Items<T> => {
    const result: Items<T> = {};
    for (const name of Object.keys(names ?? {})) {
      const written = writeItems?.[name];
      const before = readItems?.[name];
      const changed = written && (!before || version(before) !== version(written));
      const item = changed ? written : (liveItems?.[name] ?? written);
      if (item) result[name] = item;
    }
    return result;
  };
  const groups: Items<ConfigGroupJson> = {};
  for (const name of Object.keys(members.groups ?? {})) {
    const written = write.groups?.[name];
    const group = written ? mergeGroup(live.groups?.[name], written, read?.groups?.[name]) : live.groups?.[name];
    if (group) groups[name] = group;
  }
  return {
    groups,
    mod_policy: inDelta ? write.mod_policy : live.mod_policy,
    policies: pick(members.policies, write.policies, read?.policies, live.policies),
    values: pick(members.values, write.values, read?.values, live.values),
    version: inDelta ? write.version : live.version,
  };
}

function version(item: { version?: string }): bigint {
  return BigInt(item.version ?? '0');
}
