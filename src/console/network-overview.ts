// The consortium as the console's map and channel pages draw it: organizations with their roles, placement and
// nodes, channels with their members, consenters, batch settings, capabilities and every policy in words, chaincode
// definitions against what is committed, Quorum validator sets, which connection settings exist (names only), and
// the certificates the spec relies on with their expiry dates.
// It is read from the normalized model and the state folder alone; policies are said by the plan's own describer
// over the channel config netspec builds, so the words match what `plan` says about the same policy.

import type { StageResult } from '../compiler/diagnostics/index.js';
import { type BuiltChannelConfig, type ConfigGroupJson, channelConfigs } from '../compiler/fabric/index.js';
import type { NetworkModel } from '../compiler/model/index.js';
import { readState } from '../compiler/plan/state/read-state.js';
import { describeRequirement, resolvePolicy } from '../policy/index.js';
import { certificatesOf } from './certificate-expiry.js';
import type { NetworkOverview } from './console-documents.js';

export function networkOverview(
  model: NetworkModel,
  specFile: string,
  stateDir: string,
  root: string,
): NetworkOverview {
  const state = readState(stateDir, model);
  const committed = state.value?.chaincodes ?? new Map();
  // One builder for every channel: each organization's MSP folder is read once.
  const configOf = channelConfigs(model);
  return {
    network: model.name,
    description: model.description,
    mode: model.mode,
    fabricVersion: model.fabricVersion,
    specFile,
    organizations: model.organizations.map((org) => ({
      name: org.name,
      mspId: org.mspId,
      displayName: org.displayName,
      domain: org.domain,
      roles: [...(org.isOperator ? ['operator' as const] : []), ...(org.isParticipant ? ['participant' as const] : [])],
      ...(org.region !== undefined ? { region: org.region } : {}),
      ...(org.kubernetes.context !== undefined ? { cluster: org.kubernetes.context } : {}),
      namespace: org.kubernetes.namespace,
      peers: org.peers.map((peer) => ({
        name: peer.name,
        host: peer.host,
        port: peer.port,
        anchor: peer.anchor,
        stateDatabase: peer.stateDatabase,
      })),
      orderers: org.orderers.map((orderer) => ({ name: orderer.name, host: orderer.host, port: orderer.port })),
      approvers: org.approvers,
    })),
    channels: model.channels.map((channel) => ({
      name: channel.name,
      members: channel.members,
      ordererOrganizations: channel.orderer.organizations,
      consensus: channel.orderer.type,
      consenters: channel.orderer.consenters.map((consenter) => ({
        ref: consenter.ref,
        organization: consenter.organization,
        host: consenter.host,
        port: consenter.port,
      })),
      batchTimeout: channel.orderer.batchTimeout,
      batchSize: channel.orderer.batchSize,
      capabilities: channel.capabilities,
      policies: channelPolicies(configOf(channel.name)),
      acls: channel.acls,
      chaincodes: model.chaincodes
        .filter((chaincode) => chaincode.channel === channel.name)
        .map((chaincode) => {
          const live = (committed.get(channel.name) ?? []).find(
            (definition: { name: string }) => definition.name === chaincode.name,
          );
          return {
            name: chaincode.name,
            version: chaincode.version,
            sequence: chaincode.sequence,
            endorsementPolicy: chaincode.endorsementPolicy ?? '/Channel/Application/Endorsement',
            initRequired: chaincode.initRequired,
            collections: chaincode.collections.map((collection) => collection.name),
            ...(live ? { committed: { version: live.version, sequence: live.sequence } } : {}),
          };
        }),
    })),
    quorum: model.quorum.map((network) => ({
      name: network.name,
      client: network.client,
      consensus: network.consensus,
      chainId: network.chainId,
      validators: network.validators.map((node) => ({ name: node.name, organization: node.organization })),
      members: network.members.map((node) => ({ name: node.name, organization: node.organization })),
      faultTolerance:
        network.consensus === 'raft'
          ? Math.floor((network.validators.length - 1) / 2)
          : Math.floor((network.validators.length - 1) / 3),
    })),
    connection: {
      identities: Object.keys(model.connection.identities).sort(),
      endpoints: Object.keys(model.connection.endpoints).sort(),
    },
    certificates: certificatesOf(model, root),
    stateProblems: state.diagnostics.map((diagnostic) => diagnostic.message),
  };
}

/** The channel's policies at /Channel, /Channel/Application and /Channel/Orderer, each resolved and described. */
function channelPolicies(built: StageResult<BuiltChannelConfig>): { path: string; words: string }[] {
  if (!built.value) return [];
  const root = (built.value.json as unknown as { channel_group: ConfigGroupJson }).channel_group;
  const policies: { path: string; words: string }[] = [];
  for (const groupPath of [[], ['Application'], ['Orderer']]) {
    let group: ConfigGroupJson | undefined = root;
    for (const name of groupPath) group = group?.groups?.[name];
    for (const name of Object.keys(group?.policies ?? {}).sort()) {
      const path = `/${['Channel', ...groupPath, name].join('/')}`;
      const described = describeRequirement(resolvePolicy(root, path));
      policies.push({ path, words: described.slice(path.length + 2) });
    }
  }
  return policies;
}
