// The policy model, the one door to it: Fabric's channel policies resolved against a channel config into
// requirements (resolve), worded for plan.md and verify's report (describe), and judged over signer identities by
// the orderer's own rules (evaluate). Plan, governance, apply and the console all read policies through here.
export { describeRequirement, requirementMspIds, requirementPrincipals } from './describe-requirement.js';
export { satisfiedByOrganizations } from './evaluate-organizations.js';
export { type EvaluatedIdentity, type Evaluation, evaluateRequirement } from './evaluate-requirement.js';
export type { Principal, Requirement, SignatureRequirement } from './requirement.js';
export { implicitMetaThreshold, resolvePolicy } from './resolve-policy.js';
export { type ConfigWrite, configWrites } from './update-writes.js';
export { type SigningRequirement, whoMustSign } from './who-must-sign.js';
