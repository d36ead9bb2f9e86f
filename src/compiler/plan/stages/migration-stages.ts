// Raft → BFT migration as Fabric 3 requires it (docs/source/raft_bft_migration.md; the rules are the orderer's
// MaintenanceFilter, orderer/common/msgprocessor/maintenancefilter.go):
//  - everything unrelated to the consensus first, in normal mode (the V3_0 channel capability with per-org
//    orderer endpoints is on the pre-migration checklist, and channelconfig refuses V3_0 while an orderer org has
//    no Endpoints: common/channelconfig/bundle.go ValidateNew);
//  - maintenance mode on: ConsensusType.State NORMAL → MAINTENANCE and nothing else (ensureConsensusTypeChangeOnly;
//    type and metadata must stay);
//  - the switch, still in maintenance: type etcdraft → BFT, SmartBFT options as metadata, the Orderers consenter
//    mapping (the same nodes and certificates as the Raft consenters: validateBFTConsenterMapping) and the
//    BlockValidation policy derived from it; it must be the last config update before the nodes restart;
//  - maintenance mode off: State MAINTENANCE → NORMAL and nothing else, after the restart.
// Each is its own update, signed on its own. Which of them are done is read from the live config alone.
import type { ConfigJson } from '../../fabric/index.js';
import {
  consensusOf,
  consensusState,
  STATE_MAINTENANCE,
  STATE_NORMAL,
  sameContent,
  withConsensus,
} from './_config-parts.js';
import type { PlannedStage, StagedChange, StageInfo } from './stage.js';

const ON: StageInfo = { kind: 'maintenance-on', title: 'maintenance mode on (ConsensusType.State STATE_MAINTENANCE)' };
const OFF: StageInfo = { kind: 'maintenance-off', title: 'maintenance mode off (ConsensusType.State STATE_NORMAL)' };

function switchInfo(live: ConfigJson, desired: ConfigJson): StageInfo {
  return {
    kind: 'consensus-switch',
    title: `consensus type ${consensusOf(live).type ?? '?'} → ${consensusOf(desired).type ?? '?'} with its metadata, consenter mapping and BlockValidation policy, still in maintenance mode`,
  };
}

/** The stages from `live` to `desired` when their consensus type or state differ; undefined when neither does. */
export function migrationStages(live: ConfigJson, desired: ConfigJson): StagedChange | undefined {
  const [from, to] = [consensusOf(live), consensusOf(desired)];
  const liveState = consensusState(live);
  if (from.type !== to.type) {
    if (liveState === STATE_NORMAL) {
      const stages: PlannedStage[] = [];
      // Everything but the consensus, first and in normal mode.
      const prepared = withConsensus(desired, live);
      if (!sameContent(prepared, live))
        stages.push({
          kind: 'prepare',
          title:
            'changes other than the consensus, in normal mode (the migration needs the V3_0 channel capability and per-organization orderer endpoints)',
          target: prepared,
        });
      stages.push(
        { ...ON, target: withConsensus(prepared, live, STATE_MAINTENANCE) },
        { ...switchInfo(live, desired), target: withConsensus(prepared, desired, STATE_MAINTENANCE) },
        { ...OFF, target: withConsensus(prepared, desired, STATE_NORMAL) },
      );
      return { applied: [], stages };
    }
    // Maintenance is on already: the switch, then off, then whatever else the spec changes.
    const switched = withConsensus(live, desired, STATE_MAINTENANCE);
    return {
      applied: [ON],
      stages: withRest(
        [
          { ...switchInfo(live, desired), target: switched },
          { ...OFF, target: withConsensus(switched, switched, STATE_NORMAL) },
        ],
        desired,
      ),
    };
  }
  if (liveState === consensusState(desired)) return undefined;
  // Same type, another state: leaving maintenance (after a switch to BFT, or to abandon one) goes alone.
  const leaving = withConsensus(live, live, consensusState(desired));
  const entering = consensusState(desired) === STATE_MAINTENANCE;
  // A BFT channel leaving maintenance is at a migration's last phase; a Raft one is abandoning it (or was put in
  // maintenance by hand).
  const applied: StageInfo[] = entering
    ? []
    : from.type === 'BFT'
      ? [ON, { kind: 'consensus-switch', title: 'consensus type etcdraft → BFT, in maintenance mode' }]
      : [ON];
  return { applied, stages: withRest([{ ...(entering ? ON : OFF), target: leaving }], desired) };
}

/** The stages, then one more for what the spec changes beyond them, if anything. */
function withRest(stages: PlannedStage[], desired: ConfigJson): PlannedStage[] {
  const last = stages[stages.length - 1]!.target;
  if (sameContent(last, desired)) return stages;
  return [...stages, { kind: 'changes', title: 'the remaining changes, in normal mode', target: desired }];
}
