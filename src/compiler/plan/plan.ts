// The plan is plain, serialisable data (plan.json in a bundle): what will change on the live network, who must
// sign each change, and which safety guards it trips. Renderers only read it; apply only takes it.
// Changing a field's meaning is a breaking change for every consumer: bump PLAN_FORMAT_VERSION.
import type { ConfigWrite, SigningRequirement } from '../../policy/index.js';
import type { CertificateFact } from '../certificates/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { QbftTransitionJson } from '../quorum/transitions.js';
import type { VotesFile } from '../quorum/votes-file.js';
import type { StageKind } from './stages/index.js';

export const PLAN_FORMAT_VERSION = 1;

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  network: string;
  /** SHA-256 (hex) of the network.yaml bytes the plan was made from: apply refuses a plan for another spec. */
  specHash: string;
  /** The spec and state folders as given on the command line (relative paths stay relative). */
  specFile: string;
  stateDir: string;
  channels: ChannelPlan[];
  chaincodes: ChaincodePlan[];
  quorum: QuorumPlan[];
  /** Per organization: Kubernetes objects to create, change or prune against the manifests last applied. */
  kubernetes: KubernetesPlan[];
  /**
   * Per organization with users: the spec's application users against what `apply --users` last recorded.
   * Absent from plans made before users were planned (read as none).
   */
  users?: UsersPlan[];
  /** Safety guard findings: errors block the plan; allowed ones stay as warnings. */
  guards: GuardFinding[];
  /**
   * Every certificate the spec names or the live configs hold, with its expiry: facts without a clock (what is
   * "soon" is judged when the plan is read). Absent from plans made before netspec listed them.
   */
  certificates?: CertificateFact[];
  summary: PlanSummary;
  /**
   * In a bundle: bundle-relative path -> SHA-256 of every file the plan wrote (not plan.json, not signatures/).
   * What verify and every apply check the bundle against; absent from a plan printed to stdout.
   */
  files?: Record<string, string>;
}

export interface PlanSummary {
  channelsCreated: number;
  channelsUpdated: number;
  channelsUnchanged: number;
  chaincodeChanges: number;
  validatorVotes: number;
  /** Kubernetes objects to create, change or prune, over all organizations. */
  kubernetesChanges: number;
  /** Application users to create, modify, re-enroll, drop from the record, or converge without a record (absent: 0). */
  userChanges?: number;
  /** True when any guard finding is an error (not allowed by the spec). */
  blocked: boolean;
  /** True when anything at all would change. */
  hasChanges: boolean;
}

export type ChannelAction = 'create' | 'update' | 'noop';

export interface ChannelPlan {
  channel: string;
  action: ChannelAction;
  /** The live config's sequence the update was computed against (staleness guard); absent for a new channel. */
  baseSequence?: string;
  /** The live config block's number. */
  baseBlock?: string;
  /** Every write of the update, with the values before and after in configtxlator JSON. */
  delta: ConfigDelta[];
  /** The policies Fabric will evaluate, resolved to organizations and thresholds. */
  signers: SigningRequirement[];
  /** Bundle-relative path of the artifact: fabric/<channel>/update.pb or fabric/<channel>/genesis.block. */
  artifact?: string;
  /** SHA-256 (hex) of the artifact bytes: what signatures must cover. */
  artifactHash?: string;
  /** Member and orderer organizations of the channel after the change (MSP ids), for reviewers. */
  members: string[];
  ordererOrgs: string[];
  /**
   * When the change takes several updates in order (a Raft → BFT migration, a certificate or CA rotation): every
   * stage, numbered; the one this bundle carries is `this`. Absent when one update does it all.
   */
  stages?: ChannelStage[];
}

export interface ChannelStage {
  number: number;
  kind: StageKind;
  /** What the stage changes, in words. */
  title: string;
  /** `applied`: the live config shows it done; `this`: the update in this bundle; `later`: planned once it is live. */
  status: 'applied' | 'this' | 'later';
}

export interface ConfigDelta extends ConfigWrite {
  /** configtxlator JSON of the item before (modify, remove) and after (add, modify); groups show their members. */
  before?: unknown;
  after?: unknown;
}

export type ChaincodeAction = 'define' | 'upgrade' | 'noop';

export interface ChaincodeDefinitionSummary {
  version: string;
  sequence: number;
  initRequired: boolean;
  /** The endorsement policy in words: a signature expression or a channel policy reference. */
  endorsementPolicy: string;
  collections: string[];
}

export interface ChaincodePlan {
  channel: string;
  name: string;
  action: ChaincodeAction;
  live?: ChaincodeDefinitionSummary;
  desired: ChaincodeDefinitionSummary;
  /** Per member org, in order: each approves the definition with its own identity, then one commits. */
  steps: ChaincodeStep[];
  /** The channel's LifecycleEndorsement requirement for the commit, in words. */
  commitRequirement: string;
}

export type ChaincodeStep =
  | { kind: 'approve'; organization: string; mspId: string }
  | { kind: 'commit'; organizations: string[] };

export interface QuorumPlan {
  network: string;
  /** update: the genesis's QBFT transitions change (votes may come with it); vote: validator votes only. */
  action: 'create' | 'update' | 'vote' | 'noop';
  /** For a new network: genesis.json and the node lists; for an update: the new genesis.json; for votes: votes.json. */
  artifacts: string[];
  votes?: VotesFile;
  /** The transitions added, changed or removed against those the live nodes run. */
  transitions?: QuorumTransitionsChange;
  /** Contract validator selection in effect at the live block, when the contract's set differs from the spec's. */
  validatorContract?: ValidatorContractDrift;
}

export interface QuorumTransitionsChange {
  /** The live block the state was read at: a transition at or before it is history. */
  liveBlock: number;
  changes: QuorumTransitionChange[];
}

export interface QuorumTransitionChange {
  change: 'add' | 'change' | 'remove';
  block: number;
  before?: QbftTransitionJson;
  after?: QbftTransitionJson;
}

export interface ValidatorContractDrift {
  address: string;
  liveBlock: number;
  /** Spec validators (lower-case addresses) the contract does not name, and live ones the spec does not list. */
  missing: string[];
  unexpected: string[];
}

export interface KubernetesPlan {
  organization: string;
  /** Objects as `Kind/name`, sorted. */
  create: string[];
  change: string[];
  /** Objects last applied (state/k8s/<org>/) that the spec no longer emits: apply --k8s deletes them. */
  prune: string[];
  unchanged: number;
  /** Bundle-relative folder with the org's full desired manifests (when anything changes). */
  artifact?: string;
}

/**
 * `converge`: nothing is recorded for the organization (state/users/<org>.json), so the plan cannot say what the
 * CA holds: apply --users reads each user from the CA and does what is needed. `remove`: recorded, no longer in
 * the spec: dropped from the record, never revoked.
 */
export type UserAction = 'create' | 'modify' | 're-enroll' | 'remove' | 'converge' | 'noop';

export interface UserChange {
  user: string;
  action: UserAction;
  /** What differs from the record, in words (`type client -> admin`, `attribute plant: detroit -> austin`). */
  changes: string[];
  /** What apply --users will do about it, in words. */
  effect: string;
}

export interface UsersPlan {
  organization: string;
  /** The record compared with, relative to the state folder (`users/<org>.json`); absent when nothing is recorded. */
  record?: string;
  /** The spec's users in spec order, then recorded users the spec no longer has. */
  users: UserChange[];
}

/** A guard's finding: a Diagnostic (code, message, position in the spec) with the channel or network it concerns. */
export interface GuardFinding {
  target: string;
  diagnostic: Diagnostic;
}
