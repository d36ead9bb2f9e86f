// Safety guards, in the order they run. Each blocks a plan unless the spec's `allow` names its code.
import { bftBlockValidation } from './bft-block-validation.js';
import { bftConsenterChanges } from './bft-consenter-changes.js';
import { capabilityDowngrade } from './capability-downgrade.js';
import { consensusMigration } from './consensus-migration.js';
import { consenterCertExpired } from './consenter-cert-expired.js';
import { consenterCertUntrusted } from './consenter-cert-untrusted.js';
import { consenterChanges } from './consenter-changes.js';
import { consenterCount } from './consenter-count.js';
import { consenterRotations } from './consenter-rotations.js';
import type { Guard } from './guard-context.js';
import { implicitMetaEmpty } from './implicit-meta-empty.js';
import { lastOrganizations } from './last-organizations.js';
import { orgNeededByChaincode } from './org-needed-by-chaincode.js';
import { quorumContractValidators } from './quorum-contract-validators.js';
import { quorumTransitionsPassed } from './quorum-transitions-passed.js';
import { quorumValidatorChanges } from './quorum-validator-changes.js';
import { rootInUse } from './root-in-use.js';

export type { Guard, GuardContext } from './guard-context.js';

export const GUARDS: readonly Guard[] = Object.freeze([
  consensusMigration,
  consenterChanges,
  consenterCount,
  consenterRotations,
  consenterCertExpired,
  consenterCertUntrusted,
  bftConsenterChanges,
  bftBlockValidation,
  rootInUse,
  lastOrganizations,
  implicitMetaEmpty,
  orgNeededByChaincode,
  capabilityDowngrade,
  quorumValidatorChanges,
  quorumTransitionsPassed,
  quorumContractValidators,
]);
