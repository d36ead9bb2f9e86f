// The network.yaml document as the user writes it, after the schema accepted it.
// This file and schema/network.schema.json describe the same shape: change them together.
// Optional fields are filled in by normalize.ts (the model); nothing else reads defaults.

/** A duration as written in the spec: `2s`, `500ms`, `1m30s`. */
export type DurationText = string;
/** A size as written in the spec: `10 MB`, `512 KB`, `98304` (bytes). */
export type SizeText = string | number;
/** A reference to a node: `<organization>/<node name>`, e.g. `operator/orderer0`. */
export type NodeRef = string;
/**
 * A Fabric policy: implicit-meta (`ANY Readers`, `ALL Writers`, `MAJORITY Admins`) or a signature-policy
 * expression (`OR('Org1MSP.admin', 'Org2MSP.admin')`, `AND(...)`, `OutOf(2, ...)`).
 */
export type PolicyText = string;

export interface NetworkSpec {
  apiVersion: 'netspec/v1';
  name: string;
  description?: string;
  /** quick: the operator is also a participant; standard: a dedicated operator org. Informational. */
  mode?: 'quick' | 'standard';
  /**
   * Fabric release every peer and orderer of the network runs; picks defaults (capabilities, ACLs). The channel
   * capability V3_0 (and so BFT ordering) needs every node on 3.x.
   */
  fabricVersion?: '2.5' | '3.0' | '3.1';
  organizations: Record<string, OrganizationSpec>;
  channels?: Record<string, ChannelSpec>;
  chaincodes?: ChaincodeSpec[];
  quorum?: Record<string, QuorumNetworkSpec>;
  kubernetes?: KubernetesNetworkSpec;
  connection?: ConnectionSpec;
  /** How netspec watches certificate expiry. */
  certificates?: { expiryWarningDays?: number };
  /** Safety guards and validation findings the consortium deliberately overrides. */
  allow?: AllowEntry[];
}

export type OrganizationRole = 'operator' | 'participant';

export interface OrganizationSpec {
  mspId: string;
  displayName?: string;
  /** DNS domain; node hosts default to `<node>.<domain>`. */
  domain: string;
  roles: OrganizationRole[];
  msp: MspSpec;
  ca?: CaSpec;
  peers?: PeerSpec[];
  orderers?: OrdererSpec[];
  /** Org-level policies; defaults follow Fabric's test network (Readers/Writers/Admins/Endorsement). */
  policies?: Record<string, PolicyText>;
  kubernetes?: KubernetesPlacement;
  region?: string;
  /** GitHub users (`@alice`) or teams (`@org/team`) whose review counts as this org's approval. */
  approvers?: string[];
  users?: UserSpec[];
}

/** Paths are relative to the network.yaml. Either `directory` (a Fabric MSP folder) or explicit files. */
export interface MspSpec {
  directory?: string;
  caCerts?: string[];
  intermediateCerts?: string[];
  tlsCaCerts?: string[];
  tlsIntermediateCerts?: string[];
  /** Admin certificates listed in the MSP (needed when NodeOUs are off). */
  adminCerts?: string[];
  /** An admin identity of this org: must chain to the org's CA. */
  adminIdentity?: string;
  nodeOUs?: boolean | NodeOUsSpec;
  organizationalUnitIdentifiers?: { certificate: string; identifier: string }[];
}

export interface NodeOUsSpec {
  enabled: boolean;
  clientOU?: string;
  peerOU?: string;
  adminOU?: string;
  ordererOU?: string;
}

export interface CaSpec {
  /** null: requests carry no CA name, so the server's default CA answers. */
  name?: string | null;
  host?: string;
  port?: number;
  /** The `host:port` other organizations and clients use; default from the org's `kubernetes.exposure`. */
  address?: string;
  /** The root of the CA server's TLS certificate, trusted only to reach the CA (never put into channel config). */
  tlsCACert?: string;
  resources?: ResourcesSpec;
}

export interface ResourcesSpec {
  cpu?: string;
  memory?: string;
  storage?: string;
}

export interface NodeSpecBase {
  name: string;
  host?: string;
  /** The port the node listens on (its container and Service port). */
  port?: number;
  /** The `host:port` other organizations use; default from the org's `kubernetes.exposure` (node-address.ts). */
  address?: string;
  /** Operations endpoint (/healthz, /metrics). */
  operationsPort?: number;
  resources?: ResourcesSpec;
}

export interface PeerSpec extends NodeSpecBase {
  anchor?: boolean;
  stateDatabase?: 'leveldb' | 'couchdb';
}

export interface OrdererSpec extends NodeSpecBase {
  /** Channel participation API (osnadmin) port. */
  adminPort?: number;
  /** The TLS certificate this orderer presents to the other consenters (client and server). */
  tlsCert?: string;
  /** `host:port` clients and peers use, published in the org's Endpoints (e.g. a load balancer); default host:port. */
  clientEndpoint?: string;
  /** BFT: the node's consenter id, unique among a channel's consenters and never reused. */
  consenterId?: number;
  /** BFT: the node's enrollment (signing) certificate, PEM; it signs blocks and goes into BlockValidation. */
  identityCert?: string;
  /** BFT: the TLS certificate it presents as a client to other consenters; default tlsCert. */
  clientTlsCert?: string;
}

export interface KubernetesPlacement {
  context?: string;
  namespace?: string;
  storageClass?: string;
  /** How other organizations reach this org's nodes. Unset: at `<node>.<domain>:<port>`, names the org routes itself. */
  exposure?: ExposureSpec;
  monitoringNamespace?: string;
  egressCidrs?: string[];
  images?: KubernetesImagesSpec;
  resources?: Partial<Record<ResourceKindSpec, ResourcesSpec>>;
}

export interface ExposureSpec {
  mode: 'cluster' | 'loadBalancer' | 'gateway';
  /** loadBalancer: annotations on every LoadBalancer Service (cloud settings, external-dns host names). */
  annotations?: Record<string, string>;
  /** loadBalancer: the Service's `loadBalancerClass`. */
  loadBalancerClass?: string;
  /** gateway: the port the Gateway listens on for TLS passthrough. Default 443. */
  port?: number;
  /** gateway: attach a TLSRoute per node to this Gateway (Gateway API). */
  gateway?: { name: string; namespace?: string; sectionName?: string };
  /** gateway: instead, an ingress-nginx Ingress per node with `ssl-passthrough`. */
  ingressNginx?: { className?: string };
}

export type ImageKindSpec = 'peer' | 'orderer' | 'ca' | 'couchdb' | 'besu' | 'goquorum' | 'tessera';
export type ResourceKindSpec = 'ca' | 'peer' | 'couchdb' | 'orderer' | 'chaincode' | 'quorumNode' | 'tessera';

export interface ImageSpec {
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
}

export type KubernetesImagesSpec = { registry?: string; pullSecrets?: string[] } & Partial<
  Record<ImageKindSpec, ImageSpec>
>;

/** Network-wide Kubernetes settings. */
export interface KubernetesNetworkSpec {
  /** false: netspec emits no Kubernetes objects for any organization. Default true. */
  enabled?: boolean;
}

export interface UserSpec {
  name: string;
  type?: 'client' | 'admin';
  /** `org.dept`; `.` is the root. Unset: the registrar's own affiliation, and not compared. */
  affiliation?: string;
  attributes?: Record<string, string | number | boolean>;
}

export interface ChannelSpec {
  /** Application member organizations. */
  members: string[];
  orderer: ChannelOrdererSpec;
  policies?: {
    channel?: Record<string, PolicyText>;
    orderer?: Record<string, PolicyText>;
    application?: Record<string, PolicyText>;
  };
  capabilities?: { channel?: string; orderer?: string; application?: string };
  /** ACL overrides: resource -> policy path. */
  acls?: Record<string, string>;
  /** Overrides the peers marked `anchor: true` in member organizations. */
  anchorPeers?: NodeRef[];
}

export interface ChannelOrdererSpec {
  organizations: string[];
  consenters: NodeRef[];
  type?: 'etcdraft' | 'BFT';
  batchTimeout?: DurationText;
  batchSize?: {
    maxMessageCount?: number;
    absoluteMaxBytes?: SizeText;
    preferredMaxBytes?: SizeText;
  };
  etcdraft?: {
    tickInterval?: DurationText;
    electionTick?: number;
    heartbeatTick?: number;
    maxInflightBlocks?: number;
    snapshotIntervalSize?: SizeText;
  };
  /** SmartBFT options (`type: BFT`), the ConsensusType metadata of a BFT channel. */
  smartbft?: SmartBftSpec;
}

export interface SmartBftSpec {
  requestBatchMaxCount?: number;
  requestBatchMaxBytes?: SizeText;
  requestBatchMaxInterval?: DurationText;
  incomingMessageBufferSize?: number;
  requestPoolSize?: number;
  requestForwardTimeout?: DurationText;
  requestComplainTimeout?: DurationText;
  requestAutoRemoveTimeout?: DurationText;
  requestMaxBytes?: SizeText;
  viewChangeResendInterval?: DurationText;
  viewChangeTimeout?: DurationText;
  leaderHeartbeatTimeout?: DurationText;
  leaderHeartbeatCount?: number;
  collectTimeout?: DurationText;
  syncOnStart?: boolean;
  speedUpViewChange?: boolean;
  leaderRotation?: 'unspecified' | 'off' | 'on';
  decisionsPerLeader?: number;
}

export interface ChaincodeSpec {
  name: string;
  channel: string;
  version: string;
  sequence: number;
  endorsementPolicy?: PolicyText;
  initRequired?: boolean;
  collections?: CollectionSpec[];
  /** Chaincode-as-a-service: the image each member org runs next to its peers. */
  server?: {
    image: string;
    port?: number;
    /** Where the peers dial the server (`host:port`); default the Service emitted in the org's namespace. */
    address?: string;
    replicas?: number;
    resources?: ResourcesSpec;
  };
}

export interface CollectionSpec {
  name: string;
  policy: PolicyText;
  requiredPeerCount?: number;
  maxPeerCount?: number;
  blockToLive?: number;
  memberOnlyRead?: boolean;
  memberOnlyWrite?: boolean;
  endorsementPolicy?: PolicyText;
}

export interface QuorumNetworkSpec {
  /** Default besu: GoQuorum has reached end of life. */
  client?: 'besu' | 'goquorum';
  /** Default qbft, the one consensus Besu and GoQuorum share. */
  consensus?: 'qbft' | 'ibft' | 'raft';
  chainId: number;
  blockPeriod?: DurationText;
  epochLength?: number;
  requestTimeout?: DurationText;
  gasLimit?: string;
  /** Genesis accounts: address -> balance in wei (decimal or 0x hex string), or an account with code and storage. */
  alloc?: Record<string, string | QuorumAccountSpec>;
  /** Besu QBFT: validators are those this contract's getValidators() returns, from the genesis block on. */
  validatorContractAddress?: string;
  /** Besu QBFT: block-numbered changes of block period and validator selection (genesis `config.transitions.qbft`). */
  transitions?: QuorumTransitionSpec[];
  validators: QuorumNodeSpec[];
  members?: QuorumNodeSpec[];
  privacy?: boolean;
}

/** A genesis account: a pre-deployed contract (such as a validator contract) has code and storage. */
export interface QuorumAccountSpec {
  balance?: string;
  /** Runtime bytecode, 0x hex. */
  code?: string;
  /** Storage slot -> value, both 32-byte hex. */
  storage?: Record<string, string>;
}

/** From `block` on, the chain runs with these settings; what a transition leaves out stays as before. */
export interface QuorumTransitionSpec {
  block: number;
  blockPeriod?: DurationText;
  validatorSelectionMode?: 'blockheader' | 'contract';
  /** With mode `contract`: the validator contract. */
  validatorContractAddress?: string;
  /** With mode `blockheader`: the validators from this block on, by node name. */
  validators?: string[];
}

export interface QuorumNodeSpec {
  name: string;
  organization: string;
  /** 64-byte uncompressed secp256k1 public key, hex, without the 0x04 prefix. */
  publicKey: string;
  host?: string;
  p2pPort?: number;
  rpcPort?: number;
  /** The `host:port` other nodes dial (the enode's host and port); default from the org's `kubernetes.exposure`. */
  address?: string;
}

/** How CI reaches the live network. Secrets are named, never inline. */
export interface ConnectionSpec {
  /** Per org: the identity its pipeline signs and submits with. */
  identities?: Record<string, { certificate: SecretRef; privateKey: SecretRef }>;
  /** Endpoint overrides when nodes are reached from outside their cluster. */
  endpoints?: Record<NodeRef, { url?: string; adminUrl?: string; operationsUrl?: string; tlsCaCert?: string }>;
}

export interface SecretRef {
  /** Name of the CI secret / environment variable holding the PEM. */
  secret: string;
}

export type AllowEntry = string | { code: string; target?: string; reason?: string };
