// The configtxlator JSON shapes of Fabric's channel config that plan, the policy model and governance read
// (common.Config, ConfigGroup, ConfigValue, ConfigPolicy, ConfigUpdate). Versions are uint64, printed as strings.

export interface ConfigGroupJson {
  groups: Record<string, ConfigGroupJson>;
  mod_policy: string;
  policies: Record<string, ConfigPolicyJson>;
  values: Record<string, ConfigValueJson>;
  version: string;
}

export interface ConfigValueJson {
  mod_policy: string;
  value: unknown;
  version: string;
}

export interface ConfigPolicyJson {
  mod_policy: string;
  policy: PolicyJson | null;
  version: string;
}

export type PolicyJson =
  | { type: 1; value: SignaturePolicyEnvelopeJson }
  | { type: 3; value: { rule: 'ANY' | 'ALL' | 'MAJORITY'; sub_policy: string } }
  | { type: number; value: unknown };

export interface SignaturePolicyEnvelopeJson {
  version: number;
  rule: SignatureRuleJson;
  identities: { principal_classification: string; principal: { msp_identifier?: string; role?: string } | null }[];
}

export type SignatureRuleJson = { signed_by: number } | { n_out_of: { n: number; rules: SignatureRuleJson[] } };

export interface ConfigJson {
  channel_group: ConfigGroupJson;
  sequence: string;
}

export interface ConfigUpdateJson {
  channel_id: string;
  read_set: ConfigGroupJson;
  write_set: ConfigGroupJson;
}

/** The root group's name in every policy path: `/Channel/Application/Admins`. */
export const ROOT_GROUP = 'Channel';

/** The group at a path of group names below the root (`['Application', 'Org1MSP']`), if it exists. */
export function groupAt(root: ConfigGroupJson, names: readonly string[]): ConfigGroupJson | undefined {
  let group: ConfigGroupJson | undefined = root;
  for (const name of names) {
    group = group?.groups?.[name];
    if (!group) return undefined;
  }
  return group;
}
