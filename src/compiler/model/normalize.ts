// Spec -> model: fill in every default, resolve node references and paths. Runs only on a spec that passed
// validation, so references resolve and durations parse; a failure here is a netspec bug, not a user mistake.
import { isAbsolute, resolve } from 'node:path';
import {
  DEFAULT_ACLS,
  DEFAULT_APPLICATION_POLICIES,
  DEFAULT_BATCH,
  DEFAULT_BFT_CAPABILITIES,
  DEFAULT_CAPABILITIES,
  DEFAULT_CHANNEL_POLICIES,
  DEFAULT_ETCDRAFT,
  DEFAULT_NODE_OUS,
  DEFAULT_ORDERER_POLICIES,
  DEFAULT_PORTS,
  DEFAULT_QUORUM,
  DEFAULT_SMARTBFT,
  defaultOrdererTlsCert,
  defaultOrganizationPolicies,
} from './fabric-defaults.js';
import type {
  CaModel,
  ChaincodeModel,
  ChannelModel,
  MspModel,
  NetworkModel,
  OrganizationModel,
  QuorumNetworkModel,
  QuorumNodeModel,
  SmartBftModel,
} from './network-model.js';
import type {
  ChaincodeSpec,
  ChannelSpec,
  MspSpec,
  NetworkSpec,
  OrganizationSpec,
  QuorumNetworkSpec,
  QuorumNodeSpec,
  SmartBftSpec,
} from './spec.js';
import { formatDuration, parseDuration, parseSize } from './units.js';

export function normalize(spec: NetworkSpec, specDir: string): NetworkModel {
  const organizations = Object.entries(spec.organizations).map(([name, org]) =>
    normalizeOrganization(name, org, specDir),
  );
  const byName = new Map(organizations.map((org) => [org.name, org]));
  return {
    name: spec.name,
    fabricVersion: spec.fabricVersion ?? '2.5',
    description: spec.description ?? '',
    mode: spec.mode ?? (organizations.some((org) => org.isOperator && org.isParticipant) ? 'quick' : 'standard'),
    specDir,
    organizations,
    channels: Object.entries(spec.channels ?? {}).map(([name, channel]) => normalizeChannel(name, channel, byName)),
    chaincodes: (spec.chaincodes ?? []).map(normalizeChaincode),
    quorum: Object.entries(spec.quorum ?? {}).map(([name, network]) => normalizeQuorum(name, network, byName)),
    connection: {
      identities: Object.fromEntries(
        Object.entries(spec.connection?.identities ?? {}).map(([org, identity]) => [
          org,
          { certificateSecret: identity.certificate.secret, privateKeySecret: identity.privateKey.secret },
        ]),
      ),
      endpoints: Object.fromEntries(
        Object.entries(spec.connection?.endpoints ?? {}).map(([ref, endpoint]) => [
          ref,
          endpoint.tlsCaCert ? { ...endpoint, tlsCaCert: resolvePath(specDir, endpoint.tlsCaCert) } : { ...endpoint },
        ]),
      ),
    },
    allow: (spec.allow ?? []).map((entry) => (typeof entry === 'string' ? { code: entry } : { ...entry })),
  };
}

function normalizeOrganization(name: string, org: OrganizationSpec, specDir: string): OrganizationModel {
  const isOperator = org.roles.includes('operator');
  const isParticipant = org.roles.includes('participant');
  const host = (node: { name: string; host?: string }) => node.host ?? `${node.name}.${org.domain}`;
  return {
    name,
    mspId: org.mspId,
    displayName: org.displayName ?? name,
    domain: org.domain,
    isOperator,
    isParticipant,
    msp: normalizeMsp(org.msp, specDir),
    ca: normalizeCa(name, org, specDir),
    peers: (org.peers ?? []).map((peer) => ({
      organization: name,
      name: peer.name,
      host: host(peer),
      port: peer.port ?? DEFAULT_PORTS.peer,
      operationsPort: peer.operationsPort ?? DEFAULT_PORTS.peerOperations,
      anchor: peer.anchor ?? false,
      stateDatabase: peer.stateDatabase ?? 'leveldb',
      resources: { ...peer.resources },
    })),
    orderers: (org.orderers ?? []).map((orderer) => {
      const ordererHost = host(orderer);
      const port = orderer.port ?? DEFAULT_PORTS.orderer;
      return {
        organization: name,
        name: orderer.name,
        host: ordererHost,
        port,
        adminPort: orderer.adminPort ?? DEFAULT_PORTS.ordererAdmin,
        operationsPort: orderer.operationsPort ?? DEFAULT_PORTS.ordererOperations,
        tlsCert: resolvePath(specDir, orderer.tlsCert ?? defaultOrdererTlsCert(name, ordererHost)),
        clientEndpoint: orderer.clientEndpoint ?? `${ordererHost}:${port}`,
        ...(orderer.consenterId !== undefined ? { consenterId: orderer.consenterId } : {}),
        ...(orderer.identityCert !== undefined ? { identityCert: resolvePath(specDir, orderer.identityCert) } : {}),
        clientTlsCert: resolvePath(
          specDir,
          orderer.clientTlsCert ?? orderer.tlsCert ?? defaultOrdererTlsCert(name, ordererHost),
        ),
        resources: { ...orderer.resources },
      };
    }),
    policies: { ...defaultOrganizationPolicies(org.mspId, isOperator, isParticipant), ...org.policies },
    kubernetes: {
      namespace: org.kubernetes?.namespace ?? name,
      ...(org.kubernetes?.context ? { context: org.kubernetes.context } : {}),
      ...(org.kubernetes?.storageClass ? { storageClass: org.kubernetes.storageClass } : {}),
    },
    ...(org.region ? { region: org.region } : {}),
    approvers: [...(org.approvers ?? [])],
    users: (org.users ?? []).map((user) => ({
      name: user.name,
      type: user.type ?? 'client',
      // Fabric CA stores the root affiliation as '' and answers it so; '.' is how a request asks for it.
      ...(user.affiliation === undefined ? {} : { affiliation: user.affiliation === '.' ? '' : user.affiliation }),
      attributes: Object.fromEntries(Object.entries(user.attributes ?? {}).map(([key, value]) => [key, String(value)])),
    })),
  };
}

function normalizeCa(name: string, org: OrganizationSpec, specDir: string): CaModel {
  const ca = org.ca;
  const caName = ca?.name === null || ca?.name === undefined ? `ca-${name}` : ca.name;
  return {
    name: caName,
    ...(ca?.name === null ? {} : { requestName: caName }),
    host: ca?.host ?? `ca.${org.domain}`,
    port: ca?.port ?? DEFAULT_PORTS.ca,
    ...(ca?.tlsCACert ? { tlsCaCert: resolvePath(specDir, ca.tlsCACert) } : {}),
    resources: { ...ca?.resources },
    ...(ca ? {} : { omitted: true as const }),
  };
}

function normalizeMsp(msp: MspSpec, specDir: string): MspModel {
  const paths = (list: string[] | undefined) => (list ?? []).map((path) => resolvePath(specDir, path));
  const nodeOUs =
    msp.nodeOUs === undefined
      ? msp.directory
        ? undefined
        : { ...DEFAULT_NODE_OUS }
      : typeof msp.nodeOUs === 'boolean'
        ? { ...DEFAULT_NODE_OUS, enabled: msp.nodeOUs }
        : { ...DEFAULT_NODE_OUS, ...msp.nodeOUs };
  return {
    ...(msp.directory ? { directory: resolvePath(specDir, msp.directory) } : {}),
    caCerts: paths(msp.caCerts),
    intermediateCerts: paths(msp.intermediateCerts),
    tlsCaCerts: paths(msp.tlsCaCerts),
    tlsIntermediateCerts: paths(msp.tlsIntermediateCerts),
    adminCerts: paths(msp.adminCerts),
    ...(msp.adminIdentity ? { adminIdentity: resolvePath(specDir, msp.adminIdentity) } : {}),
    ...(nodeOUs ? { nodeOUs } : {}),
    organizationalUnitIdentifiers: (msp.organizationalUnitIdentifiers ?? []).map((ou) => ({
      certificate: resolvePath(specDir, ou.certificate),
      identifier: ou.identifier,
    })),
  };
}

function normalizeChannel(name: string, channel: ChannelSpec, orgs: Map<string, OrganizationModel>): ChannelModel {
  const orderer = channel.orderer;
  const etcdraft = orderer.etcdraft ?? {};
  const bft = orderer.type === 'BFT';
  const nodeOf = (ref: string) => {
    const [orgName = '', nodeName = ''] = ref.split('/');
    const org = orgs.get(orgName);
    const node = [...(org?.orderers ?? []), ...(org?.peers ?? [])].find((candidate) => candidate.name === nodeName);
    if (!node) throw new Error(`normalize: unresolved node reference '${ref}' (validation should have caught it)`);
    return node;
  };
  const anchorPeers = channel.anchorPeers
    ? channel.anchorPeers.map(nodeOf)
    : channel.members.flatMap((member) => (orgs.get(member)?.peers ?? []).filter((peer) => peer.anchor));
  return {
    name,
    members: [...channel.members],
    orderer: {
      organizations: [...orderer.organizations],
      consenters: orderer.consenters.map((ref) => {
        const node = nodeOf(ref);
        if (!('tlsCert' in node)) throw new Error(`normalize: consenter '${ref}' is not an orderer`);
        return {
          ref,
          organization: node.organization,
          mspId: orgs.get(node.organization)?.mspId ?? '',
          host: node.host,
          port: node.port,
          tlsCert: node.tlsCert,
          clientTlsCert: node.clientTlsCert,
          ...(node.consenterId !== undefined ? { id: node.consenterId } : {}),
          ...(node.identityCert !== undefined ? { identityCert: node.identityCert } : {}),
        };
      }),
      type: bft ? 'BFT' : 'etcdraft',
      batchTimeout: canonicalDuration(orderer.batchTimeout) ?? DEFAULT_BATCH.batchTimeout,
      batchSize: {
        maxMessageCount: orderer.batchSize?.maxMessageCount ?? DEFAULT_BATCH.maxMessageCount,
        absoluteMaxBytes: sizeOr(orderer.batchSize?.absoluteMaxBytes, DEFAULT_BATCH.absoluteMaxBytes),
        preferredMaxBytes: sizeOr(orderer.batchSize?.preferredMaxBytes, DEFAULT_BATCH.preferredMaxBytes),
      },
      etcdraft: {
        // configtxgen copies TickInterval into the consensus metadata as written; keep the user's text.
        tickInterval: etcdraft.tickInterval ?? DEFAULT_ETCDRAFT.tickInterval,
        electionTick: etcdraft.electionTick ?? DEFAULT_ETCDRAFT.electionTick,
        heartbeatTick: etcdraft.heartbeatTick ?? DEFAULT_ETCDRAFT.heartbeatTick,
        maxInflightBlocks: etcdraft.maxInflightBlocks ?? DEFAULT_ETCDRAFT.maxInflightBlocks,
        snapshotIntervalSize: sizeOr(etcdraft.snapshotIntervalSize, DEFAULT_ETCDRAFT.snapshotIntervalSize),
      },
      smartbft: normalizeSmartBft(orderer.smartbft ?? {}),
    },
    policies: {
      channel: { ...DEFAULT_CHANNEL_POLICIES, ...channel.policies?.channel },
      orderer: { ...DEFAULT_ORDERER_POLICIES, ...channel.policies?.orderer },
      application: { ...DEFAULT_APPLICATION_POLICIES, ...channel.policies?.application },
    },
    capabilities: { ...(bft ? DEFAULT_BFT_CAPABILITIES : DEFAULT_CAPABILITIES), ...channel.capabilities },
    acls: { ...DEFAULT_ACLS, ...channel.acls },
    anchorPeers: anchorPeers.map((peer) => ({ organization: peer.organization, host: peer.host, port: peer.port })),
  };
}

function normalizeChaincode(chaincode: ChaincodeSpec): ChaincodeModel {
  return {
    name: chaincode.name,
    channel: chaincode.channel,
    version: chaincode.version,
    sequence: chaincode.sequence,
    ...(chaincode.endorsementPolicy ? { endorsementPolicy: chaincode.endorsementPolicy } : {}),
    initRequired: chaincode.initRequired ?? false,
    collections: (chaincode.collections ?? []).map((collection) => ({
      name: collection.name,
      policy: collection.policy,
      requiredPeerCount: collection.requiredPeerCount ?? 0,
      maxPeerCount: collection.maxPeerCount ?? 1,
      blockToLive: collection.blockToLive ?? 0,
      memberOnlyRead: collection.memberOnlyRead ?? true,
      memberOnlyWrite: collection.memberOnlyWrite ?? true,
      ...(collection.endorsementPolicy ? { endorsementPolicy: collection.endorsementPolicy } : {}),
    })),
    ...(chaincode.server
      ? {
          server: {
            image: chaincode.server.image,
            port: chaincode.server.port ?? 9999,
            ...(chaincode.server.address !== undefined ? { address: chaincode.server.address } : {}),
            replicas: chaincode.server.replicas ?? 1,
            resources: { ...chaincode.server.resources },
          },
        }
      : {}),
  };
}

function normalizeQuorum(
  name: string,
  network: QuorumNetworkSpec,
  organizations: Map<string, OrganizationModel>,
): QuorumNetworkModel {
  const seconds = (text: string | undefined, fallback: number) => {
    const ms = text === undefined ? undefined : parseDuration(text);
    return ms === undefined ? fallback : Math.max(1, Math.round(ms / 1000));
  };
  const node = (spec: QuorumNodeSpec): QuorumNodeModel => ({
    name: spec.name,
    organization: spec.organization,
    publicKey: spec.publicKey.toLowerCase().replace(/^0x/, ''),
    // The Kubernetes Service of the node in its org's namespace: what static-nodes.json dials inside the cluster.
    host:
      spec.host ??
      `${spec.name}.${organizations.get(spec.organization)?.kubernetes.namespace ?? spec.organization}.svc.cluster.local`,
    p2pPort: spec.p2pPort ?? DEFAULT_PORTS.quorumP2p,
    rpcPort: spec.rpcPort ?? DEFAULT_PORTS.quorumRpc,
  });
  return {
    name,
    client: network.client ?? 'besu',
    consensus: network.consensus ?? 'qbft',
    chainId: network.chainId,
    blockPeriodSeconds: seconds(network.blockPeriod, DEFAULT_QUORUM.blockPeriodSeconds),
    epochLength: network.epochLength ?? DEFAULT_QUORUM.epochLength,
    requestTimeoutSeconds: seconds(network.requestTimeout, DEFAULT_QUORUM.requestTimeoutSeconds),
    gasLimit: network.gasLimit ?? DEFAULT_QUORUM.gasLimit,
    alloc: { ...network.alloc },
    validators: network.validators.map(node),
    members: (network.members ?? []).map(node),
    privacy: network.privacy ?? false,
  };
}

const ROTATION = { unspecified: 'ROTATION_UNSPECIFIED', off: 'ROTATION_OFF', on: 'ROTATION_ON' } as const;

function normalizeSmartBft(spec: SmartBftSpec): SmartBftModel {
  const d = DEFAULT_SMARTBFT;
  const duration = (text: string | undefined, fallback: string) => canonicalDuration(text) ?? fallback;
  return {
    requestBatchMaxCount: spec.requestBatchMaxCount ?? d.requestBatchMaxCount,
    requestBatchMaxBytes: sizeOr(spec.requestBatchMaxBytes, d.requestBatchMaxBytes),
    requestBatchMaxInterval: duration(spec.requestBatchMaxInterval, d.requestBatchMaxInterval),
    incomingMessageBufferSize: spec.incomingMessageBufferSize ?? d.incomingMessageBufferSize,
    requestPoolSize: spec.requestPoolSize ?? d.requestPoolSize,
    requestForwardTimeout: duration(spec.requestForwardTimeout, d.requestForwardTimeout),
    requestComplainTimeout: duration(spec.requestComplainTimeout, d.requestComplainTimeout),
    requestAutoRemoveTimeout: duration(spec.requestAutoRemoveTimeout, d.requestAutoRemoveTimeout),
    requestMaxBytes: sizeOr(spec.requestMaxBytes, d.requestMaxBytes),
    viewChangeResendInterval: duration(spec.viewChangeResendInterval, d.viewChangeResendInterval),
    viewChangeTimeout: duration(spec.viewChangeTimeout, d.viewChangeTimeout),
    leaderHeartbeatTimeout: duration(spec.leaderHeartbeatTimeout, d.leaderHeartbeatTimeout),
    leaderHeartbeatCount: spec.leaderHeartbeatCount ?? d.leaderHeartbeatCount,
    collectTimeout: duration(spec.collectTimeout, d.collectTimeout),
    syncOnStart: spec.syncOnStart ?? d.syncOnStart,
    speedUpViewChange: spec.speedUpViewChange ?? d.speedUpViewChange,
    leaderRotation: spec.leaderRotation ? ROTATION[spec.leaderRotation] : d.leaderRotation,
    decisionsPerLeader: spec.decisionsPerLeader ?? d.decisionsPerLeader,
  };
}

function canonicalDuration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  return ms === undefined ? undefined : formatDuration(ms);
}

function sizeOr(value: string | number | undefined, fallback: number): number {
  return value === undefined ? fallback : (parseSize(value) ?? fallback);
}

function resolvePath(specDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(specDir, path);
}
