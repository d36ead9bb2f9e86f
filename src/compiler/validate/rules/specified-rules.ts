// Every semantic rule, in the order they run. Frozen: adding a rule means adding it here, on purpose.
// Order: names are unique, then references resolve, then roles, policies, consensus, units, allow entries,
// so a reader meets the most basic finding first.
import type { Rule } from '../rule-context.js';
import { allowCodesKnown } from './allow-codes-known.js';
import { anchorPeersResolve } from './anchor-peers-resolve.js';
import { batchSizeOrder } from './batch-size-order.js';
import { besuPrivacyDeprecated } from './besu-privacy-deprecated.js';
import { bftBlockValidationPolicy } from './bft-block-validation-policy.js';
import { bftCapability } from './bft-capability.js';
import { bftConsenterCount } from './bft-consenter-count.js';
import { bftConsenterIdentity } from './bft-consenter-identity.js';
import { bftLeaderRotation } from './bft-leader-rotation.js';
import { bftOptionsValid } from './bft-options-valid.js';
import { bftValidatorCount } from './bft-validator-count.js';
import { caTlsCertValid } from './ca-tls-cert-valid.js';
import { certificatesValid } from './certificates-valid.js';
import { chaincodeChannelsResolve } from './chaincode-channels-resolve.js';
import { channelMembersExist } from './channel-members-exist.js';
import { channelOrdererOrganizations } from './channel-orderer-organizations.js';
import { connectionIdentitiesValid } from './connection-identities-valid.js';
import { connectionRefsResolve } from './connection-refs-resolve.js';
import { consenterTlsCertsPresent } from './consenter-tls-certs-present.js';
import { consentersResolve } from './consenters-resolve.js';
import { durationsValid } from './durations-valid.js';
import { egressCidrsDeclared } from './egress-cidrs-declared.js';
import { exposureValid } from './exposure-valid.js';
import { goquorumEndOfLife } from './goquorum-end-of-life.js';
import { goquorumIbft } from './goquorum-ibft.js';
import { mspMaterialPresent } from './msp-material-present.js';
import { noPrivateKeys } from './no-private-keys.js';
import { organizationRoles } from './organization-roles.js';
import { policiesValid } from './policies-valid.js';
import { quorumChainIdsUnique } from './quorum-chain-ids-unique.js';
import { quorumConsensusClient } from './quorum-consensus-client.js';
import { quorumKeysUnique } from './quorum-keys-unique.js';
import { quorumKeysValid } from './quorum-keys-valid.js';
import { quorumOrganizationsResolve } from './quorum-organizations-resolve.js';
import { quorumTransitionsValid } from './quorum-transitions-valid.js';
import { quorumValidatorContract } from './quorum-validator-contract.js';
import { raftConsenterCount } from './raft-consenter-count.js';
import { sizesValid } from './sizes-valid.js';
import { tlsCertNamesAddress } from './tls-cert-names-address.js';
import { uniqueApprovers } from './unique-approvers.js';
import { uniqueChaincodes } from './unique-chaincodes.js';
import { uniqueEndpoints } from './unique-endpoints.js';
import { uniqueMspIds } from './unique-msp-ids.js';
import { uniqueNodeNames } from './unique-node-names.js';
import { uniqueQuorumNodeNames } from './unique-quorum-node-names.js';
import { uniqueUserNames } from './unique-user-names.js';
import { userAttributesValid } from './user-attributes-valid.js';
import { v3NodeVersion } from './v3-node-version.js';
import { v3OrdererEndpoints } from './v3-orderer-endpoints.js';

export const SPECIFIED_RULES: readonly Rule[] = Object.freeze([
  // no secret in the spec (before any rule that could quote a value)
  noPrivateKeys,
  // names are unique
  uniqueMspIds,
  uniqueNodeNames,
  uniqueUserNames,
  uniqueEndpoints,
  uniqueChaincodes,
  uniqueQuorumNodeNames,
  quorumChainIdsUnique,
  uniqueApprovers,
  // references resolve
  channelMembersExist,
  channelOrdererOrganizations,
  consentersResolve,
  anchorPeersResolve,
  chaincodeChannelsResolve,
  quorumOrganizationsResolve,
  connectionRefsResolve,
  // roles and policies
  organizationRoles,
  policiesValid,
  userAttributesValid,
  // files on disk
  mspMaterialPresent,
  certificatesValid,
  consenterTlsCertsPresent,
  caTlsCertValid,
  connectionIdentitiesValid,
  // addresses: how each organization is reached, and the names its TLS certificates carry
  exposureValid,
  tlsCertNamesAddress,
  egressCidrsDeclared,
  // consensus
  raftConsenterCount,
  // Fabric 3: BFT ordering and the V3_0 capability
  bftConsenterCount,
  bftConsenterIdentity,
  bftLeaderRotation,
  bftBlockValidationPolicy,
  bftCapability,
  v3NodeVersion,
  v3OrdererEndpoints,
  bftValidatorCount,
  quorumConsensusClient,
  goquorumIbft,
  goquorumEndOfLife,
  besuPrivacyDeprecated,
  quorumKeysUnique,
  quorumKeysValid,
  quorumValidatorContract,
  quorumTransitionsValid,
  // units
  durationsValid,
  sizesValid,
  batchSizeOrder,
  bftOptionsValid,
  // allow entries
  allowCodesKnown,
]);
