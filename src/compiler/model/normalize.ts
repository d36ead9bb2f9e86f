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
  ImagesModel,
  MspModel,
  NetworkModel,
  OrganizationModel,
  QuorumNetworkModel,
  QuorumNodeModel,
  SmartBftModel,
} from './network-model.js';
import {
  type AddressingOrganization,
  DEFAULT_GATEWAY_PORT,
  type ExposureModel,
  exposedAddress,
  formatAddress,
} from './node-address.js';
import type {
  ChaincodeSpec,
  ChannelSpec,
  ExposureSpec,
  KubernetesImagesSpec,
  MspSpec,
  NetworkSpec,
  OrganizationSpec,
  QuorumNetworkSpec,
  QuorumNodeSpec,
  SmartBftSpec,
} from './spec.js';
import { formatDuration, parseDuration, parseSize } from './units.js';

export function normalize(spec: NetworkSpec, specDir: string): NetworkModel {
  const kubernetesOn = spec.kubernetes?.enabled ?? true;
  const organizations = Object.entries(spec.organizations).map(([name, org]) =>
    normalizeOrganization(name, org, specDir, kubernetesOn, spec.name),
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

function normalizeOrganization(
  name: string,
  org: OrganizationSpec,
  specDir: string,
  kubernetesOn: boolean,
  network: string,
): OrganizationModel {
  const isOperator = org.roles.includes('operator');
  const isParticipant = org.roles.includes('participant');
  const host = (node: { name: string; host?: string }) => node.host ?? `${node.name}.${org.domain}`;
  const addressing = addressingOf(org, name, network);
  const kubernetes = addressing.exposure ? { exposure: addressing.exposure } : {};
  return {
    name,
    mspId: org.mspId,
    displayName: org.displayName ?? name,
    domain: org.domain,
    isOperator,
    isParticipant,
    msp: normalizeMsp(org.msp, specDir),
    ca: normalizeCa(name, org, specDir, addressing),
    peers: (org.peers ?? []).map((peer) => ({
      organization: name,
      name: peer.name,
      host: host(peer),
      port: peer.port ?? DEFAULT_PORTS.peer,
      address: exposedAddress(addressing, {
        ...(peer.address !== undefined ? { address: peer.address } : {}),
        host: host(peer),
        port: peer.port ?? DEFAULT_PORTS.peer,
        serviceName: peer.name,
        tls: true,
      }),
      serviceName: peer.name,
      operationsPort: peer.operationsPort ?? DEFAULT_PORTS.peerOperations,
      anchor: peer.anchor ?? false,
      stateDatabase: peer.stateDatabase ?? 'leveldb',
      resources: { ...peer.resources },
    })),
    orderers: (org.orderers ?? []).map((orderer) => {
      const ordererHost = host(orderer);
      const port = orderer.port ?? DEFAULT_PORTS.orderer;
      const address = exposedAddress(addressing, {
        ...(orderer.address !== undefined ? { address: orderer.address } : {}),
        host: ordererHost,
        port,
        serviceName: orderer.name,
        tls: true,
      });
      return {
        organization: name,
        name: orderer.name,
        host: ordererHost,
        port,
        address,
        serviceName: orderer.name,
        adminPort: orderer.adminPort ?? DEFAULT_PORTS.ordererAdmin,
        operationsPort: orderer.operationsPort ?? DEFAULT_PORTS.ordererOperations,
        tlsCert: resolvePath(specDir, orderer.tlsCert ?? defaultOrdererTlsCert(name, ordererHost)),
        clientEndpoint: orderer.clientEndpoint ?? formatAddress(address),
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
      managed: kubernetesOn && org.kubernetes !== undefined,
      namespace: addressing.namespace,
      ...(org.kubernetes?.context ? { context: org.kubernetes.context } : {}),
      ...(org.kubernetes?.storageClass ? { storageClass: org.kubernetes.storageClass } : {}),
      ...kubernetes,
      ...(org.kubernetes?.monitoringNamespace ? { monitoringNamespace: org.kubernetes.monitoringNamespace } : {}),
      egressCidrs: [...(org.kubernetes?.egressCidrs ?? [])],
      images: normalizeImages(org.kubernetes?.images),
      resources: Object.fromEntries(
        Object.entries(org.kubernetes?.resources ?? {}).map(([kind, resources]) => [kind, { ...resources }]),
      ),
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

/**
 * The organization's namespace and exposure: what node addresses depend on (see node-address.ts). The namespace
 * defaults to `<network>-<organization>`, as the schema says: two networks share a cluster apart.
 */
export function addressingOf(org: OrganizationSpec, name: string, network: string): AddressingOrganization {
  const exposure = org.kubernetes?.exposure;
  return {
    domain: org.domain,
    namespace: org.kubernetes?.namespace ?? `${network}-${name}`,
    ...(exposure ? { exposure: normalizeExposure(exposure) } : {}),
  };
}

function normalizeExposure(exposure: ExposureSpec): ExposureModel {
  if (exposure.mode === 'cluster') return { mode: 'cluster' };
  if (exposure.mode === 'loadBalancer')
    return {
      mode: 'loadBalancer',
      annotations: { ...exposure.annotations },
      ...(exposure.loadBalancerClass ? { loadBalancerClass: exposure.loadBalancerClass } : {}),
    };
  // A rule (exposure-route) makes a gateway name exactly one of gateway / ingressNginx; the TLSRoute is the default.
  return {
    mode: 'gateway',
    port: exposure.port ?? DEFAULT_GATEWAY_PORT,
    route:
      exposure.ingressNginx && !exposure.gateway
        ? { kind: 'ingressNginx', className: exposure.ingressNginx.className ?? 'nginx' }
        : {
            kind: 'tlsRoute',
            gateway: {
              name: exposure.gateway?.name ?? '',
              ...(exposure.gateway?.namespace ? { namespace: exposure.gateway.namespace } : {}),
              ...(exposure.gateway?.sectionName ? { sectionName: exposure.gateway.sectionName } : {}),
            },
          },
  };
}

const IMAGE_KINDS = ['peer', 'orderer', 'ca', 'couchdb', 'besu', 'goquorum', 'tessera'] as const;

function normalizeImages(images: KubernetesImagesSpec | undefined): ImagesModel {
  return {
    ...(images?.registry ? { registry: images.registry } : {}),
    pullSecrets: [...(images?.pullSecrets ?? [])],
    byKind: Object.fromEntries(IMAGE_KINDS.flatMap((kind) => (images?.[kind] ? [[kind, { ...images[kind] }]] : []))),
  };
}

function normalizeCa(
  name: string,
  org: OrganizationSpec,
  specDir: string,
  addressing: AddressingOrganization,
): CaModel {
  const ca = org.ca;
  const caName = ca?.name === null || ca?.name === undefined ? `ca-${name}` : ca.name;
  const host = ca?.host ?? `ca.${org.domain}`;
  const port = ca?.port ?? DEFAULT_PORTS.ca;
  return {
    name: caName,
    ...(ca?.name === null ? {} : { requestName: caName }),
    host,
    port,
    address: exposedAddress(addressing, {
      ...(ca?.address !== undefined ? { address: ca.address } : {}),
      host,
      port,
      serviceName: caName,
      tls: true,
    }),
    serviceName: caName,
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
          // The consenter's address, as every other consenter dials it for Raft/BFT cluster traffic.
          host: node.address.host,
          port: node.address.port,
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
    anchorPeers: anchorPeers.map((peer) => ({
      organization: peer.organization,
      host: peer.address.host,
      port: peer.address.port,
    })),
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
  const node = (spec: QuorumNodeSpec): QuorumNodeModel => {
    const org = organizations.get(spec.organization);
    const p2pPort = spec.p2pPort ?? DEFAULT_PORTS.quorumP2p;
    const serviceName = quorumServiceName(name, spec.name);
    const tesseraServiceName = `${serviceName}-tessera`;
    // An org that chose no exposure has its Quorum nodes dialled on their Services inside the cluster, as before;
    // an explicit `host` there is still the enode's host.
    const addressing: AddressingOrganization = {
      domain: org?.domain ?? '',
      namespace: org?.kubernetes.namespace ?? spec.organization,
      exposure: org?.kubernetes.exposure ?? { mode: 'cluster' },
    };
    const legacyHost = org?.kubernetes.exposure === undefined ? spec.host : undefined;
    const address = exposedAddress(addressing, {
      ...(spec.address !== undefined
        ? { address: spec.address }
        : legacyHost !== undefined
          ? { address: `${legacyHost}:${p2pPort}` }
          : {}),
      host: spec.host ?? `${serviceName}.${addressing.domain}`,
      port: p2pPort,
      serviceName,
      tls: false,
    });
    const tesseraAddress =
      legacyHost !== undefined
        ? { host: siblingHost(legacyHost, '-tessera'), port: DEFAULT_PORTS.tesseraP2p }
        : exposedAddress(addressing, {
            host: `${tesseraServiceName}.${addressing.domain}`,
            port: DEFAULT_PORTS.tesseraP2p,
            serviceName: tesseraServiceName,
            tls: false,
          });
    return {
      name: spec.name,
      organization: spec.organization,
      publicKey: spec.publicKey.toLowerCase().replace(/^0x/, ''),
      host: address.host,
      p2pPort,
      rpcPort: spec.rpcPort ?? DEFAULT_PORTS.quorumRpc,
      address,
      serviceName,
      tessera: { serviceName: tesseraServiceName, address: tesseraAddress },
    };
  };
  return {
    name,
    client: network.client ?? 'besu',
    consensus: network.consensus ?? 'qbft',
    chainId: network.chainId,
    blockPeriodSeconds: seconds(network.blockPeriod, DEFAULT_QUORUM.blockPeriodSeconds),
    epochLength: network.epochLength ?? DEFAULT_QUORUM.epochLength,
    requestTimeoutSeconds: seconds(network.requestTimeout, DEFAULT_QUORUM.requestTimeoutSeconds),
    gasLimit: network.gasLimit ?? DEFAULT_QUORUM.gasLimit,
    alloc: Object.fromEntries(
      Object.entries(network.alloc ?? {}).map(([address, account]) => [
        address.toLowerCase(),
        typeof account === 'string' ? { balance: account } : { ...account, balance: account.balance ?? '0' },
      ]),
    ),
    ...(network.validatorContractAddress
      ? { validatorContractAddress: network.validatorContractAddress.toLowerCase() }
      : {}),
    transitions: (network.transitions ?? [])
      .map((transition, specIndex) => ({
        block: transition.block,
        ...(transition.blockPeriod !== undefined
          ? { blockPeriodSeconds: seconds(transition.blockPeriod, DEFAULT_QUORUM.blockPeriodSeconds) }
          : {}),
        ...(transition.validatorSelectionMode ? { validatorSelectionMode: transition.validatorSelectionMode } : {}),
        ...(transition.validatorContractAddress
          ? { validatorContractAddress: transition.validatorContractAddress.toLowerCase() }
          : {}),
        ...(transition.validators ? { validators: [...transition.validators] } : {}),
        specIndex,
      }))
      .sort((a, b) => a.block - b.block),
    validators: network.validators.map(node),
    members: (network.members ?? []).map(node),
    privacy: network.privacy ?? false,
  };
}

/** The Service of a Quorum node: network and node names are DNS labels, so their join is a Kubernetes name. */
export function quorumServiceName(network: string, node: string): string {
  return `${network}-${node}`;
}

/** `validator1.org1.example.com` -> `validator1-tessera.org1.example.com`. */
function siblingHost(host: string, suffix: string): string {
  const dot = host.indexOf('.');
  return dot < 0 ? `${host}${suffix}` : `${host.slice(0, dot)}${suffix}${host.slice(dot)}`;
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
