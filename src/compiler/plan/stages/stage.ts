// A staged change: what the spec asks of a live channel, cut into updates the orderer accepts one after another.
import type { ConfigJson } from '../../fabric/index.js';

export type StageKind =
  | 'prepare'
  | 'maintenance-on'
  | 'consensus-switch'
  | 'maintenance-off'
  | 'add-roots'
  | 'rotate-consenter'
  | 'changes'
  | 'remove-roots';

export interface StageInfo {
  kind: StageKind;
  /** What the stage changes, in words. */
  title: string;
}

export interface PlannedStage extends StageInfo {
  /** The channel config once this stage is applied (configtxlator JSON). */
  target: ConfigJson;
}

export interface StagedChange {
  /** Stages of the same sequence the live config shows are done already (a migration's earlier phases). */
  applied: StageInfo[];
  /** In order; the first is the update to make now. */
  stages: PlannedStage[];
}
