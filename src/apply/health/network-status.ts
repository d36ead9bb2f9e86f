// The network's status: every peer and orderer of the spec probed at once, then per channel the height the
// ordering service reports (the highest of its consenters) against each member peer's. The status fails when
// a node is not healthy, a peer lags the orderers by more than maxLag blocks, or a node that should hold a
// channel reports no height for it. Unknown heights (metrics off) are reported but do not fail the status.
import { type CertificateFact, daysLeft, describeCertificate } from '../../compiler/certificates/index.js';
import { readPemFile, tlsCaCertificates } from '../../compiler/connection-profile/tls-ca-certificates.js';
import { type DiagnosticCode, type Problem, problem } from '../../compiler/diagnostics/index.js';
import type { NetworkModel, OrganizationModel } from '../../compiler/model/network-model.js';
import { type NodeKind, type NodeStatus, type OperationsTarget, probeNode } from './probe-node.js';

export type HeightState = 'ok' | 'lagging' | 'missing' | 'unknown';

export interface ChannelNodeHeight {
  node: string;
  kind: NodeKind;
  height?: number;
  /** Blocks behind the ordering service (peers only). */
  lag?: number;
  state: HeightState;
}

export interface ChannelStatus {
  channel: string;
  ordererHeight?: number;
  nodes: ChannelNodeHeight[];
}

/** A certificate the network depends on, and how many whole days it has left when the status was taken. */
export interface CertificateStatus extends CertificateFact {
  daysLeft: number;
}

export interface StatusReport {
  network: string;
  maxLag: number;
  nodes: NodeStatus[];
  channels: ChannelStatus[];
  /** Every certificate the spec names and the state folder's configs hold, soonest to expire first. */
  certificates: CertificateStatus[];
  /** One line per finding that fails the status. */
  failures: string[];
  /** The same findings with their codes, in the same order: what the text and markdown forms print. */
  findings: Problem[];
  /** One line per certificate expiring within the warning period (or expired): they do not fail the status. */
  warnings: string[];
  ok: boolean;
}

export interface StatusOptions {
  maxLag: number;
  timeoutMs: number;
  /** The TLS CAs of an org (for https operations endpoints); injected by tests. */
  tlsCaCerts?: (org: OrganizationModel) => string[];
  /** The certificate facts to report (certificateInventory); none when not given. */
  certificates?: readonly CertificateFact[];
  /** Certificates expiring within this many days are warned about. */
  warningDays?: number;
  now?: Date;
}

export function operationsTargets(
  model: NetworkModel,
  tlsOf: (org: OrganizationModel) => string[] = (org) => safeTls(org),
): OperationsTarget[] {
  const targets: OperationsTarget[] = [];
  for (const org of model.organizations) {
    const nodes = [
      ...org.peers.map((node) => ({ node, kind: 'peer' as const })),
      ...org.orderers.map((node) => ({ node, kind: 'orderer' as const })),
    ];
    for (const { node, kind } of nodes) {
      const ref = `${org.name}/${node.name}`;
      const override = model.connection.endpoints[ref];
      // Fabric's operations service is plain HTTP unless operations.tls is on; an https override says so.
      const url = (override?.operationsUrl ?? `http://${node.host}:${node.operationsPort}`).replace(/\/+$/, '');
      const tls = url.startsWith('https:') ? (override?.tlsCaCert ? safeRead(override.tlsCaCert) : tlsOf(org)) : [];
      targets.push({ node: ref, organization: org.name, kind, url, tlsCaCerts: tls });
    }
  }
  return targets;
}

export async function networkStatus(model: NetworkModel, options: StatusOptions): Promise<StatusReport> {
  const targets = operationsTargets(model, options.tlsCaCerts);
  const nodes = await Promise.all(targets.map((target) => probeNode(target, options.timeoutMs)));
  const byRef = new Map(nodes.map((status) => [status.node, status]));
  const findings: Problem[] = [];
  const fail = (code: DiagnosticCode, message: string) => findings.push(problem(code, message));
  for (const status of nodes)
    if (status.health !== 'OK')
      fail(
        status.health === 'unreachable' ? 'NS_APPLY_UNREACHABLE' : 'NS_HEALTH_UNHEALTHY',
        `${status.node}: ${status.problems[0] ?? status.health}`,
      );

  const channels: ChannelStatus[] = model.channels.map((channel) => {
    const orderers = channel.orderer.consenters.map((consenter) => consenter.ref);
    const peers = model.organizations
      .filter((org) => channel.members.includes(org.name))
      .flatMap((org) => org.peers.map((peer) => `${org.name}/${peer.name}`));
    const heightOf = (ref: string) => byRef.get(ref)?.heights?.[channel.name];
    const known = orderers.map(heightOf).filter((h): h is number => h !== undefined);
    const ordererHeight = known.length > 0 ? Math.max(...known) : undefined;
    const entry = (ref: string, kind: NodeKind): ChannelNodeHeight => {
      const status = byRef.get(ref);
      const height = heightOf(ref);
      if (height === undefined) {
        // Reachable with metrics, yet no height: the node does not hold the channel.
        const missing = status?.health === 'OK' && status.heights !== undefined;
        if (missing)
          fail('NS_HEALTH_CHANNEL_MISSING', `${ref}: reports no height for channel '${channel.name}' (not joined?)`);
        return { node: ref, kind, state: missing ? 'missing' : 'unknown' };
      }
      if (kind === 'orderer' || ordererHeight === undefined) return { node: ref, kind, height, state: 'ok' };
      const lag = Math.max(0, ordererHeight - height);
      if (lag > options.maxLag)
        fail(
          'NS_HEALTH_PEER_LAGGING',
          `${ref}: ${lag} blocks behind the orderers on channel '${channel.name}' (height ${height} of ${ordererHeight}; --max-lag ${options.maxLag})`,
        );
      return { node: ref, kind, height, lag, state: lag > options.maxLag ? 'lagging' : 'ok' };
    };
    return {
      channel: channel.name,
      ...(ordererHeight === undefined ? {} : { ordererHeight }),
      nodes: [...orderers.map((ref) => entry(ref, 'orderer')), ...peers.map((ref) => entry(ref, 'peer'))],
    };
  });
  const now = options.now ?? new Date();
  const certificates = (options.certificates ?? [])
    .map((fact) => ({ ...fact, daysLeft: daysLeft(fact, now) }))
    .sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.sha256.localeCompare(b.sha256));
  const warnings = certificates
    .filter((certificate) => certificate.daysLeft < (options.warningDays ?? 0))
    .map((certificate) => {
      const date = certificate.notAfter.slice(0, 10);
      const when =
        Date.parse(certificate.notAfter) <= now.getTime()
          ? `expired on ${date}`
          : `expires on ${date} (${certificate.daysLeft} days left)`;
      return `the ${describeCertificate(certificate)} (${certificate.subject}) ${when}`;
    });
  return {
    network: model.name,
    maxLag: options.maxLag,
    nodes,
    channels,
    certificates,
    failures: findings.map((found) => found.message),
    findings,
    warnings,
    ok: findings.length === 0,
  };
}

/** An org whose TLS CA files cannot be read still gets probed (https will then fail with a clear line). */
function safeTls(org: OrganizationModel): string[] {
  try {
    return tlsCaCertificates(org.msp);
  } catch {
    return [];
  }
}

function safeRead(file: string): string[] {
  try {
    return [readPemFile(file)];
  } catch {
    return [];
  }
}
