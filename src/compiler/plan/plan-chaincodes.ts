// Chaincode lifecycle per channel: compare each spec definition with the committed one and list the steps of
// Fabric's lifecycle (every member org approves the same definition with its own identity, then one commits once
// the channel's LifecycleEndorsement policy is met). A changed definition needs the next sequence number.

import { describeRequirement, resolvePolicy } from '../../policy/index.js';
import { signatureEnvelopeJson, signatureEnvelopeText } from '../fabric/config/policy-json.js';
import { type ConfigJson, decode, encode, fromJson, type Json, toJson } from '../fabric/index.js';
import type { ChaincodeModel, ChannelModel, NetworkModel } from '../model/network-model.js';
import { parsePolicyExpression } from '../model/policy-expression.js';
import type { Finding } from '../validate/index.js';
import type { ChaincodeDefinitionSummary, ChaincodePlan, ChaincodeStep } from './plan.js';
import type { CommittedChaincode } from './state/read-chaincodes-state.js';

const APPLICATION_POLICY = 'protos.ApplicationPolicy';
const COLLECTION_PACKAGE = 'protos.CollectionConfigPackage';
const DEFAULT_ENDORSEMENT_REFERENCE = '/Channel/Application/Endorsement';

export interface ChaincodePlanInput {
  model: NetworkModel;
  channel: ChannelModel;
  /** Committed definitions on the channel (empty for a new channel). */
  committed: CommittedChaincode[];
  /** The channel config after this plan (for the commit requirement). */
  config: ConfigJson;
  report: (finding: Finding) => void;
}

export function planChaincodes(input: ChaincodePlanInput): ChaincodePlan[] {
  const { model, channel, committed } = input;
  const plans: ChaincodePlan[] = [];
  model.chaincodes.forEach((chaincode, index) => {
    if (chaincode.channel !== channel.name) return;
    const plan = planOne(
      input,
      chaincode,
      index,
      committed.find((c) => c.name === chaincode.name),
    );
    if (plan) plans.push(plan);
  });
  for (const live of committed) {
    if (model.chaincodes.some((c) => c.channel === channel.name && c.name === live.name)) continue;
    input.report({
      code: 'NS_PLAN_CHAINCODE_REMOVED',
      severity: 'warning',
      message: `chaincode '${live.name}' is committed on channel '${channel.name}' but the spec no longer lists it; Fabric cannot remove a chaincode, so it stays`,
      at: ['channels', channel.name],
      target: 'key',
    });
  }
  return plans;
}

function planOne(
  input: ChaincodePlanInput,
  chaincode: ChaincodeModel,
  index: number,
  live: CommittedChaincode | undefined,
): ChaincodePlan | undefined {
  const { channel, model } = input;
  const policy = desiredApplicationPolicy(chaincode, channel);
  if ('error' in policy) {
    input.report({
      code: 'NS_PLAN_CHAINCODE_POLICY',
      message: policy.error,
      at: ['chaincodes', index, 'endorsementPolicy'],
    });
    return undefined;
  }
  const desired: ChaincodeDefinitionSummary = {
    version: chaincode.version,
    sequence: chaincode.sequence,
    initRequired: chaincode.initRequired,
    endorsementPolicy: policy.text,
    collections: chaincode.collections.map((collection) => collection.name),
  };
  const orgs = channel.members.map((name) => model.organizations.find((org) => org.name === name)!);
  const steps: ChaincodeStep[] = [
    ...orgs.map((org): ChaincodeStep => ({ kind: 'approve', organization: org.name, mspId: org.mspId })),
    { kind: 'commit', organizations: orgs.map((org) => org.name) },
  ];
  const commitRequirement = describeRequirement(
    resolvePolicy(input.config.channel_group, '/Channel/Application/LifecycleEndorsement'),
  );
  const base = { channel: channel.name, name: chaincode.name, desired, commitRequirement };
  const sequenceAt: Finding['at'] = ['chaincodes', index, 'sequence'];

  if (!live) {
    if (chaincode.sequence !== 1) {
      input.report({
        code: 'NS_PLAN_CHAINCODE_SEQUENCE',
        message: `chaincode '${chaincode.name}' is not committed on channel '${channel.name}', so its first definition has sequence 1, not ${chaincode.sequence}`,
        at: sequenceAt,
      });
    }
    return { ...base, action: 'define', steps };
  }
  const liveSummary: ChaincodeDefinitionSummary = {
    version: live.version,
    sequence: live.sequence,
    initRequired: live.initRequired,
    endorsementPolicy: applicationPolicyText(live.validationParameter),
    collections: collectionNames(live.collections),
  };
  const same =
    live.version === chaincode.version &&
    live.initRequired === chaincode.initRequired &&
    sameBytes(live.validationParameter, policy.bytes) &&
    sameCollections(live.collections, chaincode, channel);
  if (chaincode.sequence === live.sequence) {
    if (!same) {
      input.report({
        code: 'NS_PLAN_CHAINCODE_SEQUENCE',
        message: `chaincode '${chaincode.name}' differs from its committed definition but keeps sequence ${live.sequence}; a new definition needs sequence ${live.sequence + 1}`,
        at: sequenceAt,
      });
    }
    return { ...base, live: liveSummary, action: 'noop', steps: [] };
  }
  if (chaincode.sequence !== live.sequence + 1) {
    input.report({
      code: 'NS_PLAN_CHAINCODE_SEQUENCE',
      message: `chaincode '${chaincode.name}' is committed at sequence ${live.sequence}; the next definition has sequence ${live.sequence + 1}, not ${chaincode.sequence}`,
      at: sequenceAt,
    });
  }
  return { ...base, live: liveSummary, action: 'upgrade', steps };
}

/**
 * The definition's validation parameter (peer.ApplicationPolicy): a signature policy, or a reference to a channel
 * policy. An implicit-meta text can only be expressed as a reference to the application policy that says exactly
 * that (the default `MAJORITY Endorsement` is /Channel/Application/Endorsement).
 */
export function desiredApplicationPolicy(
  chaincode: ChaincodeModel,
  channel: ChannelModel,
): { text: string; bytes: string } | { error: string } {
  const reference = (path: string) => ({
    text: path,
    bytes: encodeBase64(APPLICATION_POLICY, { channel_config_policy_reference: path }),
  });
  if (!chaincode.endorsementPolicy) return reference(DEFAULT_ENDORSEMENT_REFERENCE);
  const parsed = parsePolicyExpression(chaincode.endorsementPolicy);
  if (!parsed.value) return { error: `endorsement policy does not parse: ${parsed.error?.message}` };
  if (parsed.value.kind === 'implicitMeta') {
    const match = Object.entries(channel.policies.application).find(([, text]) => text === chaincode.endorsementPolicy);
    if (!match) {
      return {
        error: `'${chaincode.endorsementPolicy}' is implicit-meta, which a chaincode definition can only use by reference to a channel application policy with exactly that rule; channel '${channel.name}' has none`,
      };
    }
    return reference(`/Channel/Application/${match[0]}`);
  }
  const envelope = signatureEnvelopeJson(parsed.value.rule);
  return {
    text: chaincode.endorsementPolicy,
    bytes: encodeBase64(APPLICATION_POLICY, { signature_policy: envelope } as Json),
  };
}

function applicationPolicyText(base64: string): string {
  if (!base64) return '(none)';
  const json = jsonOf(APPLICATION_POLICY, base64) as
    | { signature_policy?: unknown; channel_config_policy_reference?: string }
    | undefined;
  if (!json) return '(unreadable)';
  if (json.channel_config_policy_reference) return json.channel_config_policy_reference;
  if (json.signature_policy)
    return signatureEnvelopeText(json.signature_policy as Parameters<typeof signatureEnvelopeText>[0]);
  return '(none)';
}

export function collectionPackageJson(chaincode: ChaincodeModel): Json {
  const signature = (text: string) => {
    const parsed = parsePolicyExpression(text);
    return parsed.value?.kind === 'signature' ? { signature_policy: signatureEnvelopeJson(parsed.value.rule) } : null;
  };
  return {
    config: chaincode.collections.map((collection) => ({
      static_collection_config: {
        name: collection.name,
        member_orgs_policy: signature(collection.policy),
        required_peer_count: collection.requiredPeerCount,
        maximum_peer_count: collection.maxPeerCount,
        block_to_live: String(collection.blockToLive),
        member_only_read: collection.memberOnlyRead,
        member_only_write: collection.memberOnlyWrite,
        ...(collection.endorsementPolicy ? { endorsement_policy: signature(collection.endorsementPolicy) } : {}),
      },
    })),
  } as Json;
}

function sameCollections(live: unknown, chaincode: ChaincodeModel, _channel: ChannelModel): boolean {
  const liveConfig = (live as { config?: unknown[] } | null)?.config ?? [];
  if (liveConfig.length === 0 && chaincode.collections.length === 0) return true;
  const liveBytes = fromJson(COLLECTION_PACKAGE, live as Json);
  const desired = encode(
    COLLECTION_PACKAGE,
    fromJson(COLLECTION_PACKAGE, collectionPackageJson(chaincode)).value ?? {},
  );
  if (!liveBytes.value || !desired.value) return false;
  const liveEncoded = encode(COLLECTION_PACKAGE, liveBytes.value).value;
  return liveEncoded !== undefined && Buffer.from(liveEncoded).equals(Buffer.from(desired.value));
}

function collectionNames(live: unknown): string[] {
  const config = (live as { config?: { static_collection_config?: { name?: string } }[] } | null)?.config ?? [];
  return config.map((entry) => entry.static_collection_config?.name ?? '?');
}

function encodeBase64(type: string, json: Json): string {
  const message = fromJson(type, json);
  const bytes = message.value ? encode(type, message.value).value : undefined;
  if (!bytes) throw new Error(`cannot encode ${type}: ${message.diagnostics[0]?.message}`);
  return Buffer.from(bytes).toString('base64');
}

/** Compares two ApplicationPolicy encodings after re-encoding the live one canonically. */
function sameBytes(liveBase64: string, desiredBase64: string): boolean {
  const json = jsonOf(APPLICATION_POLICY, liveBase64);
  if (!json) return false;
  return encodeBase64(APPLICATION_POLICY, json) === desiredBase64;
}

function jsonOf(type: string, base64: string): Json | undefined {
  const message = decode(type, new Uint8Array(Buffer.from(base64, 'base64')));
  return message.value ? toJson(type, message.value).value : undefined;
}
