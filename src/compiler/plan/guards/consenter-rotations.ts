// A Raft consenter's TLS certificate is rotated in an update of its own. Fabric identifies a Raft consenter by
// its certificates: a changed certificate is a node removed and a node added, and the orderer refuses an update
// with more than one such change (orderer/consensus/etcdraft/membership.go, ComputeMembershipChanges: "update of
// more than one consenter at a time is not supported"). The reason is the cluster: a node whose certificate changed
// in the config is shut out by the others until it restarts with that certificate, so rotating two of three at
// once leaves one node that cannot order anything, the next config update included.
// The host:port guard (consenter-changes.ts) sees added and removed endpoints; this one counts certificates too.
import { type RaftConsenterJson, raftConsenters } from '../stages/_config-parts.js';
import { type Guard, updatedChannels } from './guard-context.js';

export const consenterRotations: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const before = new Map(raftConsenters(channel.liveConfig).map((c) => [endpoint(c), c]));
    const after = new Map(raftConsenters(channel.desiredConfig).map((c) => [endpoint(c), c]));
    const rotated = [...after.keys()].filter(
      (key) => before.has(key) && !sameCertificates(before.get(key)!, after.get(key)!),
    );
    if (rotated.length === 0) continue;
    const added = [...after.keys()].filter((key) => !before.has(key));
    const removed = [...before.keys()].filter((key) => !after.has(key));
    const changes = rotated.length + added.length + removed.length;
    if (changes <= 1) continue;
    const name = channel.plan.channel;
    const spec = ctx.model.channels.find((c) => c.name === name);
    const index = spec?.orderer.consenters.findIndex((c) => rotated.includes(`${c.host}:${c.port}`)) ?? -1;
    const listed = [...rotated.map((k) => `~${k}`), ...added.map((k) => `+${k}`), ...removed.map((k) => `-${k}`)];
    ctx.report(name, {
      code: 'NS_GUARD_CONSENTER_ROTATIONS',
      message: `channel '${name}' changes ${changes} Raft consenters in one update, ${rotated.length} of them by a new TLS certificate (${listed.join(', ')}); a rotated node is out of the cluster until it restarts with its new certificate, so the orderer takes one consenter change per update`,
      hint: 'netspec plan stages certificate rotations one consenter per update; restart each node with its new certificate before the next stage',
      at: index >= 0 ? ['channels', name, 'orderer', 'consenters', index] : ['channels', name, 'orderer', 'consenters'],
    });
  }
};

const endpoint = (c: RaftConsenterJson) => `${c.host}:${c.port}`;

function sameCertificates(a: RaftConsenterJson, b: RaftConsenterJson): boolean {
  return a.client_tls_cert === b.client_tls_cert && a.server_tls_cert === b.server_tls_cert;
}
