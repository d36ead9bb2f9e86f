// The normalized network: the spec with every default filled in and every reference resolved.
// It is the single input of every later stage (Fabric, Quorum, Kubernetes, plan): they never read the raw spec.
import type { ExposureModel, NodeAddress } from './node-address.js';
import type { NodeRef, PolicyText } from './spec.js';

export interface NetworkModel {
  name: string;
  /** The Fabric release every node runs (the spec's fabricVersion, default 2.5). */
  fabricVersion: '2.5' | '3.0' | '3.1';
  description: string;
  mode: 'quick' | 'standard';
  /** Absolute folder of the network.yaml; every path below is already absolute. */
  specDir: string;
  organizations: OrganizationModel[];
  channels: ChannelModel[];
  chaincodes: ChaincodeModel[];
  quorum: QuorumNetworkModel[];
  connection: ConnectionModel;
  /** Codes the consortium deliberately overrides, with an optional target (e.g. a channel name). */
  allow: AllowModel[];
}

export interface AllowModel {
  code: string;
  target?: string;
  reason?: string;
}

export interface OrganizationModel {
  name: string;
  mspId: string;
  displayName: string;
  domain: string;
  isOperator: boolean;
  isParticipant: boolean;
  msp: MspModel;
  ca: CaModel;
  peers: PeerModel[];
  orderers: OrdererModel[];
  /** Org-level policies (Readers, Writers, Admins, Endorsement when a participant), as policy texts. */
  policies: Record<string, PolicyText>;
  kubernetes: KubernetesModel;
  region?: string;
  approvers: string[];
  users: UserModel[];
}

export interface KubernetesModel {
  /**
   * netspec emits and plans this org's Kubernetes objects: the spec gives the org a `kubernetes:` placement and does
   * not turn Kubernetes off network-wide. Otherwise the org runs its nodes its own way and plans none.
   */
  managed: boolean;
  context?: string;
  namespace: string;
  storageClass?: string;
  /** How other organizations reach this org's nodes; undefined: at `<node>.<domain>:<port>`, routed by the org. */
  exposure?: ExposureModel;
  /** A namespace (Prometheus, say) admitted to the operations ports besides the org's own. */
  monitoringNamespace?: string;
  /** CIDRs this org's cluster sends its traffic from; orgs in other clusters admit them (NetworkPolicy ipBlock). */
  egressCidrs: string[];
  images: ImagesModel;
  /** Per node kind, under a node's own resources and over netspec's defaults. */
  resources: Partial<Record<ResourceKind, ResourcesModel>>;
}

export type ImageKind = 'peer' | 'orderer' | 'ca' | 'couchdb' | 'besu' | 'goquorum' | 'tessera';
export type ResourceKind = 'ca' | 'peer' | 'couchdb' | 'orderer' | 'chaincode' | 'quorumNode' | 'tessera';

export interface ImagesModel {
  /** Prefix of every image of the org (a mirror), unless a kind names its own. */
  registry?: string;
  pullSecrets: string[];
  byKind: Partial<Record<ImageKind, ImageModel>>;
}

export interface ImageModel {
  registry?: string;
  repository?: string;
  tag?: string;
  /** `sha256:<64 hex>`; wins over the tag. */
  digest?: string;
}

export interface MspModel {
  /** A Fabric MSP folder (cacerts/, tlscacerts/, ...), when the spec names one. */
  directory?: string;
  caCerts: string[];
  intermediateCerts: string[];
  tlsCaCerts: string[];
  tlsIntermediateCerts: string[];
  adminCerts: string[];
  adminIdentity?: string;
  /** undefined: take config.yaml from the MSP folder (if any); otherwise the spec's NodeOUs setting. */
  nodeOUs?: { enabled: boolean; clientOU: string; peerOU: string; adminOU: string; ordererOU: string };
  organizationalUnitIdentifiers: { certificate: string; identifier: string }[];
}

export interface ResourcesModel {
  cpu?: string;
  memory?: string;
  storage?: string;
}

export interface CaModel {
  /** The CA's name, also naming what netspec deploys for it. */
  name: string;
  /** The `caname` requests carry; undefined when the spec's `ca.name` is null (the server's default CA). */
  requestName?: string;
  host: string;
  port: number;
  /** Where other organizations and clients reach the CA (see node-address.ts). */
  address: NodeAddress;
  /** The Kubernetes Service that selects the CA, in the org's namespace. */
  serviceName: string;
  /** Absolute path of the PEM root to trust for the CA's HTTPS endpoint only; else the MSP's TLS roots. */
  tlsCaCert?: string;
  resources: ResourcesModel;
  /** The spec has no `ca` for this org: the defaults above name no CA a client could reach (connection profiles). */
  omitted?: true;
}

export interface PeerModel {
  organization: string;
  name: string;
  /** The peer's own DNS name (its TLS name): the spec's host, else `<name>.<domain>`. */
  host: string;
  /** The port the peer listens on (container and Service). */
  port: number;
  /** The one host:port other organizations use: anchor peer, gossip external endpoint, connection profiles. */
  address: NodeAddress;
  /** The Kubernetes Service that selects the peer, in the org's namespace. */
  serviceName: string;
  operationsPort: number;
  anchor: boolean;
  stateDatabase: 'leveldb' | 'couchdb';
  resources: ResourcesModel;
}

export interface OrdererModel {
  organization: string;
  name: string;
  /** The orderer's own DNS name (its TLS name): the spec's host, else `<name>.<domain>`. */
  host: string;
  /** The port the orderer listens on (container and Service). */
  port: number;
  /** The one host:port other organizations use: consenter entry and, unless clientEndpoint is set, Endpoints. */
  address: NodeAddress;
  /** The Kubernetes Service that selects the orderer, in the org's namespace. */
  serviceName: string;
  adminPort: number;
  operationsPort: number;
  /** Absolute path of the TLS certificate it presents as a consenter. */
  tlsCert: string;
  /** `host:port` published in the org's Endpoints. */
  clientEndpoint: string;
  /** BFT consenter id, when the spec gives one. */
  consenterId?: number;
  /** Absolute path of the enrollment certificate a BFT consenter signs blocks with. */
  identityCert?: string;
  /** Absolute path of the TLS certificate it presents as a client (BFT); the TLS certificate unless set. */
  clientTlsCert: string;
  resources: ResourcesModel;
}

export interface UserModel {
  name: string;
  type: 'client' | 'admin';
  /** As the CA stores it (`.` in the spec becomes ''); undefined: the registrar's own, not compared. */
  affiliation?: string;
  attributes: Record<string, string>;
}

export interface ChannelModel {
  name: string;
  /** Application member organization names, in spec order. */
  members: string[];
  orderer: ChannelOrdererModel;
  policies: {
    channel: Record<string, PolicyText>;
    orderer: Record<string, PolicyText>;
    application: Record<string, PolicyText>;
  };
  capabilities: { channel: string; orderer: string; application: string };
  /** The full ACL table: Fabric 2.5 defaults with the spec's overrides applied. */
  acls: Record<string, string>;
  anchorPeers: { organization: string; host: string; port: number }[];
}

export interface ChannelOrdererModel {
  organizations: string[];
  consenters: ConsenterModel[];
  type: 'etcdraft' | 'BFT';
  /** As Go's Duration.String() prints it (`2s`, `500ms`): the form configtxgen stores. */
  batchTimeout: string;
  batchSize: { maxMessageCount: number; absoluteMaxBytes: number; preferredMaxBytes: number };
  etcdraft: {
    tickInterval: string;
    electionTick: number;
    heartbeatTick: number;
    maxInflightBlocks: number;
    snapshotIntervalSize: number;
  };
  /** SmartBFT options (used when type is BFT), in orderer.smartbft.Options' JSON field order and form. */
  smartbft: SmartBftModel;
}

export interface ConsenterModel {
  ref: NodeRef;
  organization: string;
  mspId: string;
  host: string;
  port: number;
  /** The server TLS certificate (Raft: client and server). */
  tlsCert: string;
  clientTlsCert: string;
  /** BFT only. */
  id?: number;
  identityCert?: string;
}

/** Durations as Go prints them (`200ms`, `3m0s`); counts and sizes as numbers. */
export interface SmartBftModel {
  requestBatchMaxCount: number;
  requestBatchMaxBytes: number;
  requestBatchMaxInterval: string;
  incomingMessageBufferSize: number;
  requestPoolSize: number;
  requestForwardTimeout: string;
  requestComplainTimeout: string;
  requestAutoRemoveTimeout: string;
  requestMaxBytes: number;
  viewChangeResendInterval: string;
  viewChangeTimeout: string;
  leaderHeartbeatTimeout: string;
  leaderHeartbeatCount: number;
  collectTimeout: string;
  syncOnStart: boolean;
  speedUpViewChange: boolean;
  leaderRotation: 'ROTATION_UNSPECIFIED' | 'ROTATION_OFF' | 'ROTATION_ON';
  decisionsPerLeader: number;
}

export interface ChaincodeModel {
  name: string;
  channel: string;
  version: string;
  sequence: number;
  /** undefined: the channel's /Channel/Application/Endorsement policy applies. */
  endorsementPolicy?: PolicyText;
  initRequired: boolean;
  collections: CollectionModel[];
  server?: {
    image: string;
    port: number;
    /** The `host:port` the peers dial, as the spec sets it; unset, each org's own Service (see chaincodeObjects). */
    address?: string;
    replicas: number;
    resources: ResourcesModel;
  };
}

export interface CollectionModel {
  name: string;
  policy: PolicyText;
  requiredPeerCount: number;
  maxPeerCount: number;
  blockToLive: number;
  memberOnlyRead: boolean;
  memberOnlyWrite: boolean;
  endorsementPolicy?: PolicyText;
}

export interface QuorumNetworkModel {
  name: string;
  client: 'besu' | 'goquorum';
  consensus: 'qbft' | 'ibft' | 'raft';
  chainId: number;
  /** Seconds, as the genesis config stores it. */
  blockPeriodSeconds: number;
  epochLength: number;
  requestTimeoutSeconds: number;
  gasLimit: string;
  /** Lower-case 0x address -> the account as the spec gives it. */
  alloc: Record<string, QuorumAccountModel>;
  /** Besu QBFT contract validator selection from genesis (lower-case 0x), else block-header selection. */
  validatorContractAddress?: string;
  /** Besu QBFT transitions, in block order. */
  transitions: QuorumTransitionModel[];
  validators: QuorumNodeModel[];
  members: QuorumNodeModel[];
  privacy: boolean;
}

export interface QuorumAccountModel {
  balance: string;
  code?: string;
  storage?: Record<string, string>;
}

export interface QuorumTransitionModel {
  block: number;
  blockPeriodSeconds?: number;
  validatorSelectionMode?: 'blockheader' | 'contract';
  /** Lower-case 0x. */
  validatorContractAddress?: string;
  /** Node names, as the spec lists them. */
  validators?: string[];
  /** Index in the spec's transitions list (the model sorts by block): where a finding points. */
  specIndex: number;
}

export interface QuorumNodeModel {
  name: string;
  organization: string;
  /** 128 lowercase hex characters, no 0x prefix. */
  publicKey: string;
  /** The enode's host: the address host (see node-address.ts). */
  host: string;
  p2pPort: number;
  rpcPort: number;
  /** The host:port other nodes dial (devp2p): the enode's host and port. */
  address: NodeAddress;
  /** The Kubernetes Service that selects the node (`<network>-<node>`), in the org's namespace. */
  serviceName: string;
  /** The node's Tessera (when the network has privacy): its Service and the P2P address other Tesseras dial. */
  tessera: { serviceName: string; address: NodeAddress };
}

export interface ConnectionModel {
  identities: Record<string, { certificateSecret: string; privateKeySecret: string }>;
  endpoints: Record<NodeRef, { url?: string; adminUrl?: string; operationsUrl?: string; tlsCaCert?: string }>;
}
