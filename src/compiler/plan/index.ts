// Plan stage: the spec's model against the live state (config blocks, committed chaincodes, validator sets):
// per channel create/update/no-op with who must sign, chaincode lifecycle steps, validator votes, safety guards.
// The plan is data; render/ prints it; src/bundle/write-bundle.ts (re-exported here) puts it and its artifacts on disk
// atomically.

export { type StagedBundle, stageBundle, writeBundle } from '../../bundle/write-bundle.js';
export { pathForBundle } from './bundle-paths.js';
export { makeLedgerPlan, type PlanInput, type PlanResult } from './ledger-plan.js';
export { makePlan } from './make-plan.js';
export type {
  ChaincodePlan,
  ChaincodeStep,
  ChannelPlan,
  ConfigDelta,
  GuardFinding,
  Plan,
  PlanSummary,
  QuorumPlan,
} from './plan.js';
export { PLAN_FORMAT_VERSION } from './plan.js';
export type { LiveChannel, LiveState } from './state/read-state.js';
