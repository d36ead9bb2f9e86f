// Rotation as a sequence of safe updates: certificates move from one CA root to another, and consenters change
// their TLS certificates, without a moment where the network cannot verify what it must.
//  1. New roots first: an MSP that gains a root (identity or TLS, with intermediates) gets it beside the old ones,
//     before any certificate it issued is used. Fabric's etcdraft checks each consenter certificate against the
//     orderer organizations' TLS roots, and an MSP rejects identities from a CA it does not hold.
//  2. One consenter per update: a Raft node whose certificate changed in the config is out of the cluster until it
//     restarts with that certificate, so two at once can leave too few to order (Fabric refuses more than one
//     consenter change per update: orderer/consensus/etcdraft/membership.go, ComputeMembershipChanges; for BFT,
//     SmartBFT reconfigures with the old set's quorum).
//  3. Everything else the spec changes, the old roots still present.
//  4. Old roots removed last, once nothing in the config uses them.
import { bftBlockValidationPolicyJson, type ConsenterJson } from '../../fabric/config/bft-block-validation.js';
import type { ConfigJson } from '../../fabric/index.js';
import {
  bftConsenters,
  consensusOf,
  type MspAt,
  mspsOf,
  type RaftConsenterJson,
  ROOT_LISTS,
  type RootList,
  raftConsenters,
  rootsOf,
  sameContent,
  withRoots,
} from './_config-parts.js';
import type { PlannedStage, StagedChange, StageInfo } from './stage.js';

/** The stages from `live` to `desired` when more than one update is needed; undefined when one is enough. */
export function rotationStages(live: ConfigJson, desired: ConfigJson): StagedChange | undefined {
  const stages: PlannedStage[] = [];
  let current = live;
  const push = (info: StageInfo, target: ConfigJson) => {
    if (sameContent(target, current)) return;
    stages.push({ ...info, target });
    current = target;
  };

  const overlaps = rootOverlaps(live, desired);
  const gaining = overlaps.filter((o) => o.added > 0);
  if (gaining.length > 0)
    push(
      {
        kind: 'add-roots',
        title: `new CA roots added beside the old ones (${gaining.map((o) => o.mspId).join(', ')})`,
      },
      gaining.reduce((config, o) => withRoots(config, o.path, o.union), live),
    );
  for (const rotation of consenterRotations(current, desired)) push(rotation.info, rotation.apply(current));
  const losing = overlaps.filter((o) => o.removed > 0);
  push(
    { kind: 'changes', title: 'the remaining changes, old CA roots still present' },
    losing.reduce((config, o) => withRoots(config, o.path, o.union), desired),
  );
  push({ kind: 'remove-roots', title: `old CA roots removed (${losing.map((o) => o.mspId).join(', ')})` }, desired);
  return stages.length > 1 ? { applied: [], stages } : undefined;
}

interface RootOverlap {
  path: string[];
  mspId: string;
  /** Each root list as live has it, followed by the desired roots live lacks. */
  union: Record<RootList, string[]>;
  added: number;
  removed: number;
}

function rootOverlaps(live: ConfigJson, desired: ConfigJson): RootOverlap[] {
  const before = mspsOf(live);
  const overlaps: RootOverlap[] = [];
  for (const [key, after] of mspsOf(desired)) {
    const old: MspAt | undefined = before.get(key);
    if (!old) continue;
    const overlap: RootOverlap = {
      path: after.path,
      mspId: String(after.config.name ?? key),
      union: {} as Record<RootList, string[]>,
      added: 0,
      removed: 0,
    };
    for (const list of ROOT_LISTS) {
      const [was, will] = [rootsOf(old.config, list), rootsOf(after.config, list)];
      const gained = will.filter((cert) => !was.includes(cert));
      overlap.union[list] = [...was, ...gained];
      overlap.added += gained.length;
      overlap.removed += was.filter((cert) => !will.includes(cert)).length;
    }
    if (overlap.added + overlap.removed > 0) overlaps.push(overlap);
  }
  return overlaps;
}

interface Rotation {
  info: StageInfo;
  apply(config: ConfigJson): ConfigJson;
}

/** Consenters at the same endpoint (Raft) or with the same id and endpoint (BFT) whose certificates change. */
function consenterRotations(live: ConfigJson, desired: ConfigJson): Rotation[] {
  const type = consensusOf(live).type;
  if (type !== consensusOf(desired).type) return [];
  if (type === 'etcdraft') {
    const after = new Map(raftConsenters(desired).map((c) => [endpoint(c), c]));
    return raftConsenters(live)
      .map((c) => [c, after.get(endpoint(c))] as const)
      .filter(([was, will]) => will && !sameRaftCertificates(was, will))
      .map(([was, will]) => ({
        info: { kind: 'rotate-consenter', title: `TLS certificate of consenter ${endpoint(was)}` },
        apply: (config: ConfigJson) => withRaftConsenter(config, will!),
      }));
  }
  if (type === 'BFT') {
    const after = new Map(bftConsenters(desired).map((c) => [c.id, c]));
    return bftConsenters(live)
      .map((c) => [c, after.get(c.id)] as const)
      .filter(([was, will]) => will && endpoint(was) === endpoint(will) && !sameBftCertificates(was, will))
      .map(([was, will]) => ({
        info: { kind: 'rotate-consenter', title: `certificates of consenter ${was.id} (${endpoint(was)})` },
        apply: (config: ConfigJson) => withBftConsenter(config, will!),
      }));
  }
  return [];
}

const endpoint = (c: { host: string; port: number }) => `${c.host}:${c.port}`;

function sameRaftCertificates(a: RaftConsenterJson, b: RaftConsenterJson): boolean {
  return a.client_tls_cert === b.client_tls_cert && a.server_tls_cert === b.server_tls_cert;
}

function sameBftCertificates(a: ConsenterJson, b: ConsenterJson): boolean {
  return (
    a.client_tls_cert === b.client_tls_cert &&
    a.server_tls_cert === b.server_tls_cert &&
    a.identity === b.identity &&
    a.msp_id === b.msp_id
  );
}

function withRaftConsenter(config: ConfigJson, consenter: RaftConsenterJson): ConfigJson {
  const result = structuredClone(config);
  const value = result.channel_group.groups.Orderer!.values.ConsensusType!.value as {
    metadata: { consenters: RaftConsenterJson[] };
  };
  value.metadata.consenters = value.metadata.consenters.map((c) =>
    endpoint(c) === endpoint(consenter) ? structuredClone(consenter) : c,
  );
  return result;
}

/** The consenter replaced in the mapping, and BlockValidation derived again from the new mapping. */
function withBftConsenter(config: ConfigJson, consenter: ConsenterJson): ConfigJson {
  const result = structuredClone(config);
  const orderer = result.channel_group.groups.Orderer!;
  const value = orderer.values.Orderers!.value as { consenter_mapping: ConsenterJson[] };
  value.consenter_mapping = value.consenter_mapping.map((c) =>
    c.id === consenter.id ? structuredClone(consenter) : c,
  );
  const policy = orderer.policies.BlockValidation;
  if (policy)
    orderer.policies.BlockValidation = {
      ...policy,
      policy: bftBlockValidationPolicyJson(value.consenter_mapping) as never,
    };
  return result;
}
