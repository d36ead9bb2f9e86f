// Live Fabric: reads a network's live state over gRPC (orderer Deliver, peer `_lifecycle` queries) into the
// plan's state folder, and applies verified bundles (config updates by Broadcast, new channels through the
// channel participation API and cscc JoinChain), writing an apply record per change, and runs the chaincode
// lifecycle (each org installs its CCaaS package on its peers and approves with its package id, then the commit
// once LifecycleEndorsement is met).
export { type ApplyBundleResult, applyFabricBundle } from './apply-bundle.js';
export {
  type ApplyRecord,
  applyRecordFile,
  applyRecordPath,
  chaincodeRecords,
  renderApplyRecord,
} from './apply-record.js';
export type { ApplyBundleInput, ApplyStep, StepOutcome } from './apply-steps.js';
export { type CcaasPackage, ccaasPackage } from './ccaas-package.js';
export { applyChaincodeLifecycle, type ChaincodeLifecycleInput } from './chaincode-lifecycle.js';
export { joinOrderer, ordererHasChannel, type ParticipationOptions } from './channel-participation.js';
export {
  type ClientIdentity,
  chooseIdentity,
  chooseReadingIdentity,
  type IdentityChoice,
  type IdentityRefusal,
  identityFromPem,
} from './client-identity.js';
export { type Endorsed, endorsedTransaction } from './endorsed-transaction.js';
export { serviceDefinition } from './fabric-services.js';
export {
  blockNumber,
  DeliverRefusedError,
  fetchBlock,
  fetchConfigBlock,
  lastConfigIndex,
} from './fetch-config-block.js';
export { type FetchEvent, type FetchOptions, type FetchResult, fetchState } from './fetch-state.js';
export { type ConnectionOptions, NodeConnection, NodeUnreachableError } from './grpc-connection.js';
export { installOnPeers } from './install-package.js';
export { LIFECYCLE_ENDORSEMENT, type LifecycleRequirement, lifecycleRequirement } from './lifecycle-endorsement.js';
export {
  approveProposal,
  type ChaincodeDefinition,
  type CommittedDefinition,
  chaincodeDefinition,
  checkCommitReadiness,
  commitProposal,
  type InstalledPackage,
  installChaincode,
  LIFECYCLE,
  queryCommittedDefinition,
  queryInstalledChaincodes,
} from './lifecycle-proposals.js';
export { liveConfigFacts } from './live-channel-config.js';
export { type NodeEndpoint, ordererEndpoints, peerEndpoints } from './node-endpoints.js';
export {
  endorse,
  joinChain,
  joinedChannels,
  makeProposal,
  ProposalRefusedError,
  queryCommittedDefinitions,
} from './proposals.js';
export {
  configUpdateEnvelope,
  HeaderType,
  makeHeader,
  mustDecode,
  mustEncode,
  seekEnvelope,
  signPayload,
} from './signed-envelopes.js';
export type { TlsClientMaterial } from './tls-client-material.js';
