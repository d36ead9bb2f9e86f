// Model -> an application channel's common.Config, in configtxlator's JSON form, as configtxgen builds it for
// Fabric 2.x without a system channel: the Channel group (hashing, capabilities, policies), the Orderer group
// (etcdraft consenters and options, batch settings, orderer orgs with MSP and Endpoints) and the Application group
// (member orgs with MSP and AnchorPeers, ACLs, capabilities, policies). Every mod_policy is `Admins`, as there.
// A BFT channel (Fabric 3) has SmartBFT options as its consensus metadata, its consenter set in the Orderer group's
// `Orderers` value, and a BlockValidation policy computed from that set (bft-block-validation.ts).
//
// Every element is built twice over, side by side: as configtxlator JSON (what the plan's readers see) and as the
// message the codec encodes, each value's content converted by the codec on its own. An organization's MSP value
// and policies are read, converted and encoded once per builder and shared by every channel it is in, instead of
// converting each channel's whole JSON afresh.
import { readFileSync } from 'node:fs';
import Long from 'long';
import type { ChannelModel, NetworkModel, OrganizationModel } from '../../model/network-model.js';
import { configValueBytes, type GroupKind, type Json, type JsonObject, messageFromJson } from '../json/index.js';
import type { ProtoMessage } from '../proto/index.js';
import { bftBlockValidationPolicyJson, consenterMappingJson } from './bft-block-validation.js';
import { mspValueJson } from './msp-json.js';
import { policyJson } from './policy-json.js';

const ADMINS = 'Admins';
/** BlockDataHashingStructure.width: configtxgen always writes math.MaxUint32. */
const BLOCK_DATA_HASHING_WIDTH = 4294967295;

/** A config element as configtxlator JSON and as the message the codec encodes; shared ones are read-only. */
export interface ConfigElement {
  json: JsonObject;
  message: ProtoMessage;
}

/** What a channel's config holds of an organization whichever channel it is: its MSP value and its policies. */
interface OrganizationParts {
  msp: Uint8Array;
  mspJson: Json;
  policies: Record<string, ConfigElement>;
}

/** Builds the configs of one model's channels; each organization's parts are made on first use, then shared. */
export interface ChannelConfigBuilder {
  /** The channel's common.Config; throws a CodecError (with its path) where a value does not convert. */
  build(channelName: string): ConfigElement;
}

export function channelConfigBuilder(model: NetworkModel): ChannelConfigBuilder {
  const organizations = new Map(model.organizations.map((org) => [org.name, org]));
  const parts = new Map<string, OrganizationParts>();
  const tlsCerts = new Map<string, string>();
  const elements = sharedElements();

  const partsOf = (org: OrganizationModel): OrganizationParts => {
    let made = parts.get(org.name);
    if (!made) {
      const mspJson = mspValueJson(org.mspId, org.msp) as Json;
      const path = `organizations.${org.name}`;
      made = {
        msp: configValueBytes('ApplicationOrg', 'MSP', mspJson, `${path}.MSP`),
        mspJson,
        policies: elements.policies(org.policies, `${path}.policies`),
      };
      parts.set(org.name, made);
    }
    return made;
  };
  // Raft consenters name one TLS certificate on every channel they serve: each file is read once.
  const tlsCertBase64 = (file: string): string => {
    let base64 = tlsCerts.get(file);
    if (base64 === undefined) {
      base64 = readFileSync(file).toString('base64');
      tlsCerts.set(file, base64);
    }
    return base64;
  };

  return {
    build(channelName) {
      const channel = model.channels.find((candidate) => candidate.name === channelName);
      if (!channel) throw new Error(`no channel '${channelName}' in network '${model.name}'`);
      const orgOf = (name: string): OrganizationModel => {
        const org = organizations.get(name);
        if (!org) throw new Error(`channel '${channel.name}' names unknown organization '${name}'`);
        return org;
      };
      const path = 'channel_group';
      const channelGroup = group({
        groups: {
          Application: applicationGroup(
            channel,
            channel.members.map(orgOf),
            partsOf,
            elements,
            `${path}.groups.Application`,
          ),
          Orderer: ordererGroup(
            channel,
            channel.orderer.organizations.map(orgOf),
            partsOf,
            elements,
            tlsCertBase64,
            `${path}.groups.Orderer`,
          ),
        },
        policies: elements.policies(channel.policies.channel, `${path}.policies`),
        values: elements.values('Channel', path, {
          BlockDataHashingStructure: { width: BLOCK_DATA_HASHING_WIDTH },
          Capabilities: capabilities(channel.capabilities.channel),
          HashingAlgorithm: { name: 'SHA256' },
        }),
      });
      return {
        json: { channel_group: channelGroup.json, sequence: '0' },
        message: { channel_group: channelGroup.message, sequence: Long.UZERO },
      };
    },
  };
}

/** The channel's config as configtxlator JSON (a builder of its own: organizations are read afresh). */
export function channelConfigJson(model: NetworkModel, channelName: string): JsonObject {
  return channelConfigBuilder(model).build(channelName).json;
}

function ordererGroup(
  channel: ChannelModel,
  orgs: OrganizationModel[],
  partsOf: (org: OrganizationModel) => OrganizationParts,
  elements: SharedElements,
  tlsCertBase64: (file: string) => string,
  path: string,
): ConfigElement {
  const { orderer } = channel;
  const bft = orderer.type === 'BFT';
  const ordererPolicies = elements.policies(channel.policies.orderer, `${path}.policies`);
  if (bft) {
    // configtxgen overwrites the profile's BlockValidation with the consenter-set policy, keeping its mod_policy
    // (common/policies/bft.go).
    const mapping = consenterMappingJson(orderer.consenters);
    ordererPolicies.BlockValidation = policy(
      bftBlockValidationPolicyJson(mapping) as Json,
      `${path}.policies.BlockValidation`,
    );
  }
  return group({
    groups: Object.fromEntries(
      orgs.map((org) => {
        const parts = partsOf(org);
        const orgPath = `${path}.groups.${org.mspId}`;
        return [
          org.mspId,
          group({
            policies: parts.policies,
            values: {
              ...elements.values('OrdererOrg', orgPath, {
                Endpoints: { addresses: ordererEndpoints(channel, org) },
              }),
              MSP: encodedValue(parts.mspJson, parts.msp),
            },
          }),
        ];
      }),
    ),
    policies: ordererPolicies,
    values: elements.values('Orderer', path, {
      ...(bft ? { Orderers: { consenter_mapping: consenterMappingJson(orderer.consenters) as unknown as Json } } : {}),
      BatchSize: {
        absolute_max_bytes: orderer.batchSize.absoluteMaxBytes,
        max_message_count: orderer.batchSize.maxMessageCount,
        preferred_max_bytes: orderer.batchSize.preferredMaxBytes,
      },
      BatchTimeout: { timeout: orderer.batchTimeout },
      Capabilities: capabilities(channel.capabilities.orderer),
      // MaxChannels 0 marshals to no bytes at all, which configtxlator shows as null.
      ChannelRestrictions: null,
      ConsensusType: {
        metadata: bft ? smartBftOptionsJson(orderer.smartbft) : raftMetadataJson(orderer, tlsCertBase64),
        state: 'STATE_NORMAL',
        type: orderer.type,
      },
    }),
  });
}

function smartBftOptionsJson(options: ChannelModel['orderer']['smartbft']): Json {
  return {
    request_batch_max_count: String(options.requestBatchMaxCount),
    request_batch_max_bytes: String(options.requestBatchMaxBytes),
    request_batch_max_interval: options.requestBatchMaxInterval,
    incoming_message_buffer_size: String(options.incomingMessageBufferSize),
    request_pool_size: String(options.requestPoolSize),
    request_forward_timeout: options.requestForwardTimeout,
    request_complain_timeout: options.requestComplainTimeout,
    request_auto_remove_timeout: options.requestAutoRemoveTimeout,
    request_max_bytes: String(options.requestMaxBytes),
    view_change_resend_interval: options.viewChangeResendInterval,
    view_change_timeout: options.viewChangeTimeout,
    leader_heartbeat_timeout: options.leaderHeartbeatTimeout,
    leader_heartbeat_count: String(options.leaderHeartbeatCount),
    collect_timeout: options.collectTimeout,
    sync_on_start: options.syncOnStart,
    speed_up_view_change: options.speedUpViewChange,
    leader_rotation: options.leaderRotation,
    decisions_per_leader: String(options.decisionsPerLeader),
  };
}

function raftMetadataJson(orderer: ChannelModel['orderer'], tlsCertBase64: (file: string) => string): Json {
  return {
    consenters: orderer.consenters.map((consenter) => {
      const cert = tlsCertBase64(consenter.tlsCert);
      return { client_tls_cert: cert, host: consenter.host, port: consenter.port, server_tls_cert: cert };
    }),
    options: {
      election_tick: orderer.etcdraft.electionTick,
      heartbeat_tick: orderer.etcdraft.heartbeatTick,
      max_inflight_blocks: orderer.etcdraft.maxInflightBlocks,
      snapshot_interval_size: orderer.etcdraft.snapshotIntervalSize,
      tick_interval: orderer.etcdraft.tickInterval,
    },
  };
}

/** The org's client-facing orderer addresses: its consenters on this channel, or all its orderers. */
function ordererEndpoints(channel: ChannelModel, org: OrganizationModel): string[] {
  const consenting = new Set(channel.orderer.consenters.filter((c) => c.organization === org.name).map((c) => c.ref));
  const nodes = org.orderers.filter((node) => consenting.has(`${org.name}/${node.name}`));
  return [...new Set((nodes.length > 0 ? nodes : org.orderers).map((node) => node.clientEndpoint))];
}

function applicationGroup(
  channel: ChannelModel,
  orgs: OrganizationModel[],
  partsOf: (org: OrganizationModel) => OrganizationParts,
  elements: SharedElements,
  path: string,
): ConfigElement {
  return group({
    groups: Object.fromEntries(
      orgs.map((org) => {
        const parts = partsOf(org);
        const anchors = channel.anchorPeers.filter((peer) => peer.organization === org.name);
        const orgValues: Record<string, ConfigElement> = { MSP: encodedValue(parts.mspJson, parts.msp) };
        if (anchors.length > 0)
          Object.assign(
            orgValues,
            elements.values('ApplicationOrg', `${path}.groups.${org.mspId}`, {
              AnchorPeers: { anchor_peers: anchors.map(({ host, port }) => ({ host, port })) },
            }),
          );
        return [org.mspId, group({ policies: parts.policies, values: orgValues })];
      }),
    ),
    policies: elements.policies(channel.policies.application, `${path}.policies`),
    values: elements.values('Application', path, {
      ACLs: {
        acls: Object.fromEntries(
          Object.entries(channel.acls).map(([resource, policyRef]) => [resource, { policy_ref: policyRef }]),
        ),
      },
      Capabilities: capabilities(channel.capabilities.application),
    }),
  });
}

/** A ConfigGroup at version 0 under Admins, from its elements (JSON and message taken from each). */
function group(parts: {
  groups?: Record<string, ConfigElement>;
  policies: Record<string, ConfigElement>;
  values: Record<string, ConfigElement>;
}): ConfigElement {
  const groups = parts.groups ?? {};
  return {
    json: {
      groups: halves(groups, 'json'),
      mod_policy: ADMINS,
      policies: halves(parts.policies, 'json'),
      values: halves(parts.values, 'json'),
      version: '0',
    },
    message: {
      groups: halves(groups, 'message'),
      mod_policy: ADMINS,
      policies: halves(parts.policies, 'message'),
      values: halves(parts.values, 'message'),
      version: Long.UZERO,
    },
  };
}

function halves<K extends keyof ConfigElement>(
  elements: Record<string, ConfigElement>,
  half: K,
): Record<string, ConfigElement[K]> {
  const out: Record<string, ConfigElement[K]> = {};
  for (const name of Object.keys(elements)) out[name] = elements[name]![half];
  return out;
}

/**
 * Config elements made once per builder and shared by every channel that holds the same content: most channels of
 * a consortium carry the same policies, ACLs, capabilities and batch settings, and converting each channel's copy
 * afresh cost a 200-organization plan some 40 ms. Shared elements are read-only, as an organization's parts are.
 */
interface SharedElements {
  /** The policies of these texts (ImplicitMeta or signature expressions), by name. */
  policies(texts: Record<string, string>, path: string): Record<string, ConfigElement>;
  /** The ConfigValues of a group of this kind, each content encoded as the message its name holds there. */
  values(kind: GroupKind, groupPath: string, contents: Record<string, Json>): Record<string, ConfigElement>;
}

function sharedElements(): SharedElements {
  const policyByText = new Map<string, ConfigElement>();
  const valueByContent = new Map<string, ConfigElement>();
  return {
    policies(texts, path) {
      const out: Record<string, ConfigElement> = {};
      for (const [name, text] of Object.entries(texts)) {
        let element = policyByText.get(text);
        if (!element) {
          element = policy(policyJson(text) as Json, `${path}.${name}`);
          policyByText.set(text, element);
        }
        out[name] = element;
      }
      return out;
    },
    values(kind, groupPath, contents) {
      const out: Record<string, ConfigElement> = {};
      for (const [name, content] of Object.entries(contents)) {
        const key = `${kind}\0${name}\0${JSON.stringify(content)}`;
        let element = valueByContent.get(key);
        if (!element) {
          // A content of null (an empty message) is no bytes at all: configtxlator shows it as null.
          const bytes =
            content === null ? undefined : configValueBytes(kind, name, content, `${groupPath}.values.${name}.value`);
          element = encodedValue(content, bytes);
          valueByContent.set(key, element);
        }
        out[name] = element;
      }
      return out;
    },
  };
}

function encodedValue(content: Json, bytes: Uint8Array | undefined): ConfigElement {
  return {
    json: { mod_policy: ADMINS, value: content, version: '0' },
    message: { mod_policy: ADMINS, ...(bytes ? { value: bytes } : {}), version: Long.UZERO },
  };
}

function policy(content: Json, path: string): ConfigElement {
  return {
    json: { mod_policy: ADMINS, policy: content, version: '0' },
    message: {
      mod_policy: ADMINS,
      policy: messageFromJson('common.Policy', content, `${path}.policy`),
      version: Long.UZERO,
    },
  };
}

function capabilities(name: string): Json {
  return { capabilities: { [name]: {} } };
}
