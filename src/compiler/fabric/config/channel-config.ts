// Model -> an application channel's common.Config, in configtxlator's JSON form, as configtxgen builds it for
// Fabric 2.x without a system channel: the Channel group (hashing, capabilities, policies), the Orderer group
// (etcdraft consenters and options, batch settings, orderer orgs with MSP and Endpoints) and the Application group
// (member orgs with MSP and AnchorPeers, ACLs, capabilities, policies). Every mod_policy is `Admins`, as there.
// A BFT channel (Fabric 3) has SmartBFT options as its consensus metadata, its consenter set in the Orderer group's
// `Orderers` value, and a BlockValidation policy computed from that set (bft-block-validation.ts).
import { readFileSync } from 'node:fs';
import type { ChannelModel, NetworkModel, OrganizationModel } from '../../model/network-model.js';
import { bftBlockValidationPolicyJson, consenterMappingJson } from './bft-block-validation.js';
import { mspValueJson } from './msp-json.js';
import { policyJson } from './policy-json.js';

const ADMINS = 'Admins';
/** BlockDataHashingStructure.width: configtxgen always writes math.MaxUint32. */
const BLOCK_DATA_HASHING_WIDTH = 4294967295;

type Json = Record<string, unknown>;

/**
 * Each organization's MSP value (read from disk) and policies (parsed), once per model: a network with many
 * channels shares its organizations' between them. Keyed by the model object, so a reloaded spec reads the files
 * afresh. Deep-frozen and shared by every channel: fromJson encodes a frozen value once and reuses its bytes.
 */
const orgParts = new WeakMap<OrganizationModel, { msp: Json; policies: Json }>();

function partsOf(org: OrganizationModel): { msp: Json; policies: Json } {
  let parts = orgParts.get(org);
  if (!parts) {
    parts = deepFreeze({ msp: mspValueJson(org.mspId, org.msp) as Json, policies: policies(org.policies) });
    orgParts.set(org, parts);
  }
  return parts;
}

const mspOf = (org: OrganizationModel): Json => partsOf(org).msp;
const orgPolicies = (org: OrganizationModel): Json => partsOf(org).policies;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function channelConfigJson(model: NetworkModel, channelName: string): Json {
  const channel = model.channels.find((candidate) => candidate.name === channelName);
  if (!channel) throw new Error(`no channel '${channelName}' in network '${model.name}'`);
  const orgs = new Map(model.organizations.map((org) => [org.name, org]));
  const orgOf = (name: string): OrganizationModel => {
    const org = orgs.get(name);
    if (!org) throw new Error(`channel '${channel.name}' names unknown organization '${name}'`);
    return org;
  };
  return {
    channel_group: group({
      groups: {
        Application: applicationGroup(channel, channel.members.map(orgOf)),
        Orderer: ordererGroup(channel, channel.orderer.organizations.map(orgOf)),
      },
      policies: policies(channel.policies.channel),
      values: {
        BlockDataHashingStructure: value({ width: BLOCK_DATA_HASHING_WIDTH }),
        Capabilities: value(capabilities(channel.capabilities.channel)),
        HashingAlgorithm: value({ name: 'SHA256' }),
      },
    }),
    sequence: '0',
  };
}

function ordererGroup(channel: ChannelModel, orgs: OrganizationModel[]): Json {
  const { orderer } = channel;
  const bft = orderer.type === 'BFT';
  const ordererPolicies = policies(channel.policies.orderer);
  if (bft) {
    // configtxgen overwrites the profile's BlockValidation with the consenter-set policy, keeping its mod_policy
    // (common/policies/bft.go).
    const mapping = consenterMappingJson(orderer.consenters);
    ordererPolicies.BlockValidation = {
      mod_policy: ADMINS,
      policy: bftBlockValidationPolicyJson(mapping),
      version: '0',
    };
  }
  return group({
    groups: Object.fromEntries(
      orgs.map((org) => [
        org.mspId,
        group({
          policies: orgPolicies(org),
          values: {
            Endpoints: value({ addresses: ordererEndpoints(channel, org) }),
            MSP: value(mspOf(org)),
          },
        }),
      ]),
    ),
    policies: ordererPolicies,
    values: {
      ...(bft ? { Orderers: value({ consenter_mapping: consenterMappingJson(orderer.consenters) }) } : {}),
      BatchSize: value({
        absolute_max_bytes: orderer.batchSize.absoluteMaxBytes,
        max_message_count: orderer.batchSize.maxMessageCount,
        preferred_max_bytes: orderer.batchSize.preferredMaxBytes,
      }),
      BatchTimeout: value({ timeout: orderer.batchTimeout }),
      Capabilities: value(capabilities(channel.capabilities.orderer)),
      // MaxChannels 0 marshals to no bytes at all, which configtxlator shows as null.
      ChannelRestrictions: value(null),
      ConsensusType: value({
        metadata: bft ? smartBftOptionsJson(orderer.smartbft) : raftMetadataJson(orderer),
        state: 'STATE_NORMAL',
        type: orderer.type,
      }),
    },
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

function raftMetadataJson(orderer: ChannelModel['orderer']): Json {
  return {
    consenters: orderer.consenters.map((consenter) => {
      const cert = readFileSync(consenter.tlsCert).toString('base64');
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

function applicationGroup(channel: ChannelModel, orgs: OrganizationModel[]): Json {
  return group({
    groups: Object.fromEntries(
      orgs.map((org) => {
        const anchors = channel.anchorPeers.filter((peer) => peer.organization === org.name);
        const values: Json = { MSP: value(mspOf(org)) };
        if (anchors.length > 0)
          values.AnchorPeers = value({ anchor_peers: anchors.map(({ host, port }) => ({ host, port })) });
        return [org.mspId, group({ policies: orgPolicies(org), values })];
      }),
    ),
    policies: policies(channel.policies.application),
    values: {
      ACLs: value({
        acls: Object.fromEntries(
          Object.entries(channel.acls).map(([resource, policyRef]) => [resource, { policy_ref: policyRef }]),
        ),
      }),
      Capabilities: value(capabilities(channel.capabilities.application)),
    },
  });
}

function group(parts: { groups?: Json; policies: Json; values: Json }): Json {
  return {
    groups: parts.groups ?? {},
    mod_policy: ADMINS,
    policies: parts.policies,
    values: parts.values,
    version: '0',
  };
}

function value(content: unknown): Json {
  return { mod_policy: ADMINS, value: content, version: '0' };
}

function policies(texts: Record<string, string>): Json {
  return Object.fromEntries(
    Object.entries(texts).map(([name, text]) => [name, { mod_policy: ADMINS, policy: policyJson(text), version: '0' }]),
  );
}

function capabilities(name: string): Json {
  return { capabilities: { [name]: {} } };
}
