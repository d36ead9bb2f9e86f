// Staged changes: when the spec asks for something the orderer accepts only as several updates in order (a
// Raft → BFT migration, certificate and CA rotation), the plan cuts it into stages. Only the first becomes this
// bundle's update; the rest are shown, and planned again from the live config once it is applied.
import type { ConfigJson } from '../../fabric/index.js';
import { migrationStages } from './migration-stages.js';
import { rotationStages } from './rotation-stages.js';
import type { StagedChange } from './stage.js';

export type { PlannedStage, StagedChange, StageInfo, StageKind } from './stage.js';

/** The stages from the live config to the desired one; undefined when a single update is safe. */
export function planStages(live: ConfigJson, desired: ConfigJson): StagedChange | undefined {
  return migrationStages(live, desired) ?? rotationStages(live, desired);
}
