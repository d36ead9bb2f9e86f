// After an organization's `apply --k8s` has rolled out a bundle's new Besu genesis, the state's
// `quorum/<network>.json` records the QBFT transitions that genesis holds, so the next plan compares against them
// and shows the change no more. No JSON-RPC method serves a node's transitions, and the genesis reaches the nodes
// only through each organization's `<network>-genesis` ConfigMap, so the Kubernetes apply is the one moment netspec
// knows a node was given it: that is who writes the record. Every organization running a node of the network
// applies the same ConfigMap and would write the same record, so the first one records and the others find it
// recorded; an organization that has not applied yet keeps its ConfigMap change in the next plan (its
// state/k8s/<org>/), so a rollout left half done stays visible there.
//
// Trust: the record is written only from a VerifiedBundle, only with the spec's own transitions (the spec the bundle
// was verified to be planned from), and only when the bundle's planned change is exactly what the state's record
// and the spec give now at the block it was planned at: the re-plan verify compared it with, including the guard
// against a transition at a block the chain has passed. A plan.json entry can never choose what is recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { atomicWriteFile } from '../../atomic-write.js';
import { type Problem, problem } from '../../compiler/diagnostics/index.js';
import { genesisConfigMapName, type K8sObject } from '../../compiler/k8s/index.js';
import type { QuorumNetworkModel } from '../../compiler/model/network-model.js';
import type { QuorumPlan } from '../../compiler/plan/plan.js';
import { transitionChanges } from '../../compiler/plan/plan-quorum.js';
import { readQuorumState } from '../../compiler/plan/state/read-quorum-state.js';
import { qbftTransitions } from '../../compiler/quorum/transitions.js';
import type { VerifiedBundle } from '../../governance/index.js';

/** What recording did for one network: `unchanged` when the record already held the bundle's transitions. */
export interface TransitionsRecord {
  network: string;
  file: string;
  outcome: 'recorded' | 'unchanged';
}

/**
 * Records, for each Quorum network whose transitions the bundle changes and whose genesis ConfigMap among `applied`
 * (the objects just applied, read from the verified bundle) carries the bundle's genesis.json, the spec's
 * transitions in `<stateDir>/quorum/<network>.json`. Only `transitions` changes there; every other field stays.
 */
export function recordRolledOutTransitions(
  verified: VerifiedBundle,
  applied: readonly K8sObject[],
): { records: TransitionsRecord[]; problems: Problem[] } {
  const records: TransitionsRecord[] = [];
  const problems: Problem[] = [];
  for (const planned of verified.bundle.plan.quorum) {
    if (!planned.transitions) continue;
    const network = verified.model.quorum.find((candidate) => candidate.name === planned.network);
    if (!network || !carriesGenesis(verified.bundle.files, network, applied)) continue;
    const file = join(verified.stateDir, 'quorum', `${network.name}.json`);
    const outcome = recordNetwork(file, network, planned);
    if ('problem' in outcome) problems.push(outcome.problem);
    else records.push({ network: network.name, file, outcome: outcome.outcome });
  }
  return { records, problems };
}

/** Whether the applied objects hold the network's genesis ConfigMap with the bundle's genesis.json, byte for byte. */
function carriesGenesis(
  files: ReadonlyMap<string, Uint8Array>,
  network: QuorumNetworkModel,
  applied: readonly K8sObject[],
): boolean {
  const genesis = files.get(`quorum/${network.name}/genesis.json`);
  const configMap = applied.find(
    (object) => object.kind === 'ConfigMap' && object.metadata.name === genesisConfigMapName(network),
  );
  const data = (configMap?.data as Record<string, unknown> | undefined)?.['genesis.json'];
  return genesis !== undefined && typeof data === 'string' && data === Buffer.from(genesis).toString('utf8');
}

function recordNetwork(
  file: string,
  network: QuorumNetworkModel,
  planned: Readonly<QuorumPlan>,
): { outcome: TransitionsRecord['outcome'] } | { problem: Problem } {
  const read = readQuorumState(file);
  if (!read.value) {
    const first = read.diagnostics[0];
    return {
      problem: problem(first?.code ?? 'NS_STATE_INVALID', first?.message ?? `${file} is not readable`, { file }),
    };
  }
  const desired = qbftTransitions(network);
  if (isDeepStrictEqual(read.value.transitions, desired)) return { outcome: 'unchanged' };
  const now = { liveBlock: read.value.blockNumber, changes: transitionChanges(read.value.transitions, desired) };
  if (!isDeepStrictEqual(now, JSON.parse(JSON.stringify(planned.transitions))))
    return {
      problem: problem(
        'NS_BUNDLE_OUTDATED',
        `${file} is not the record the bundle's transitions change of ${network.name} was planned against ` +
          `(block ${planned.transitions?.liveBlock}, now ${read.value.blockNumber}): the transitions were not recorded`,
        { file, hint: 'plan again from the state the nodes run, and apply that bundle' },
      ),
    };
  // Rewritten from its own text: fields netspec does not read are kept as they were.
  const { transitions: _before, ...kept } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const record = desired.length > 0 ? { ...kept, transitions: desired } : kept;
  atomicWriteFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return { outcome: 'recorded' };
}
