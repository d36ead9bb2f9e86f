// Safety guards, in the order they run. Each blocks a plan unless the spec's `allow` names its code.
import { bftBlockValidation } from './bft-block-validation.js';
import { bftConsenterChanges } from './bft-consenter-changes.js';
import { capabilityDowngrade } from './capability-downgrade.js';
import { consenterChanges } from './consenter-changes.js';
import { consenterCount } from './consenter-count.js';
import type { Guard } from './guard-context.js';
import { implicitMetaEmpty } from './implicit-meta-empty.js';
import { lastOrganizations } from './last-organizations.js';
import { orgNeededByChaincode } from './org-needed-by-chaincode.js';
import { quorumValidatorChanges } from './quorum-validator-changes.js';

export type { Guard, GuardContext } from './guard-context.js';

export const GUARDS: readonly Guard[] = Object.freeze([
  consenterChanges,
  consenterCount,
  bftConsenterChanges,
  bftBlockValidation,
  lastOrganizations,
  implicitMetaEmpty,
  orgNeededByChaincode,
  capabilityDowngrade,
  quorumValidatorChanges,
]);
