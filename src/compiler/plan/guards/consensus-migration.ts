// The orderer's rules for maintenance mode and a consensus-type change, as Fabric 3's MaintenanceFilter applies
// them to every config update (orderer/common/msgprocessor/maintenancefilter.go, inspect and
// ensureConsensusTypeChangeOnly; the order of phases is docs/source/raft_bft_migration.md):
//  - entering or leaving maintenance mode changes ConsensusType.State and nothing else: no other item, and
//    neither the type nor the metadata;
//  - the type changes only from a config in maintenance mode to a config in maintenance mode, and only
//    etcdraft → BFT, with the same consenters (host, port and both TLS certificates: validateBFTConsenterMapping);
//  - the migration starts only once the V3_0 channel capability is live (the pre-migration checklist).
// An update that breaks one is refused by the orderer after every organization signed it; a plan stages the
// migration so that none does, and verify judges a bundle's own update bytes with this guard, so a bundle for a
// later stage is refused while the live config is not at its place in the sequence.
import { isDeepStrictEqual } from 'node:util';
import type { ConfigJson } from '../../fabric/index.js';
import {
  bftConsenters,
  changedPaths,
  consensusOf,
  consensusState,
  raftConsenters,
  STATE_NORMAL,
} from '../stages/_config-parts.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const consensusMigration: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    for (const message of migrationProblems(channel.liveConfig, channel.desiredConfig, name))
      ctx.report(name, {
        code: 'NS_GUARD_CONSENSUS_MIGRATION',
        message,
        hint: 'netspec plan stages a Raft → BFT migration as separate updates: maintenance mode on, the switch, maintenance mode off (docs/raft-to-bft-migration.md)',
        at: [
          ['channels', name, 'orderer', 'type'],
          ['channels', name, 'orderer'],
        ],
      });
  }
};

function migrationProblems(live: ConfigJson, next: ConfigJson, name: string): string[] {
  const [from, to] = [consensusOf(live), consensusOf(next)];
  const [stateFrom, stateTo] = [consensusState(live), consensusState(next)];
  const problems: string[] = [];
  if (stateFrom !== stateTo) {
    const others = changedPaths(live, next).filter((path) => path !== 'Orderer/ConsensusType');
    if (others.length > 0)
      problems.push(
        `channel '${name}' changes ConsensusType.State from ${stateFrom} to ${stateTo} together with ${others.join(', ')}; the orderer accepts entering or leaving maintenance mode only as an update of ConsensusType alone`,
      );
    else if (from.type !== to.type)
      problems.push(
        `channel '${name}' changes ConsensusType.Type from ${from.type} to ${to.type} while ConsensusType.State changes from ${stateFrom} to ${stateTo}; the type changes only within maintenance mode, in an update of its own`,
      );
    else if (!isDeepStrictEqual(from.metadata, to.metadata))
      problems.push(
        `channel '${name}' changes ConsensusType.Metadata while ConsensusType.State changes from ${stateFrom} to ${stateTo}; the orderer refuses both in one update`,
      );
  }
  if (from.type === to.type) return problems;
  if (stateFrom === STATE_NORMAL)
    problems.push(
      `channel '${name}' switches consensus type from ${from.type} to ${to.type}, but the live config is not in maintenance mode (ConsensusType.State is ${stateFrom}): the update turning maintenance mode on must be applied first`,
    );
  else if (stateTo === STATE_NORMAL)
    problems.push(
      `channel '${name}' switches consensus type from ${from.type} to ${to.type} and leaves maintenance mode in the same update: the switch keeps ${stateFrom}, and maintenance mode is turned off by an update of its own once the nodes restarted as BFT`,
    );
  if (from.type !== 'etcdraft' || to.type !== 'BFT') {
    problems.push(
      `channel '${name}' changes consensus type from ${from.type} to ${to.type}; Fabric migrates only etcdraft → BFT`,
    );
    return problems;
  }
  const mismatch = consenterMismatch(live, next);
  if (mismatch)
    problems.push(
      `channel '${name}' switches to BFT with ${mismatch}; the consenter mapping must hold exactly the Raft consenters, with their hosts, ports and TLS certificates: add, remove or re-certify consenters before or after the migration`,
    );
  const capability = channelCapability(live);
  if (capability !== 'V3_0')
    problems.push(
      `channel '${name}' switches to BFT while its live channel capability is ${capability ?? 'none'}; Fabric migrates channels that have V3_0 live already, so V3_0 (with per-organization orderer endpoints) is an update of its own before maintenance mode`,
    );
  return problems;
}

/** Fabric's validateBFTConsenterMapping, in words: undefined when the mapping matches the Raft consenters. */
function consenterMismatch(live: ConfigJson, next: ConfigJson): string | undefined {
  const raft = raftConsenters(live);
  const bft = bftConsenters(next);
  if (bft.length === 0) return 'no consenter mapping';
  if (bft.length !== raft.length) return `${bft.length} BFT consenters for ${raft.length} Raft consenters`;
  const unmatched = raft.filter(
    (r) =>
      !bft.some(
        (b) =>
          b.host === r.host &&
          b.port === r.port &&
          b.server_tls_cert === r.server_tls_cert &&
          b.client_tls_cert === r.client_tls_cert,
      ),
  );
  if (unmatched.length === 0) return undefined;
  return `no BFT consenter with the host, port and TLS certificates of Raft consenter ${unmatched.map((c) => `${c.host}:${c.port}`).join(', ')}`;
}

function channelCapability(config: ConfigJson): string | undefined {
  const value = config.channel_group.values.Capabilities?.value as
    | { capabilities?: Record<string, unknown> }
    | undefined;
  const names = Object.keys(value?.capabilities ?? {});
  return names.includes('V3_0') ? 'V3_0' : names.sort().pop();
}
