// The status report in Prometheus' text exposition format, through prom-client, so an organization's Prometheus
// (node_exporter's textfile collector, or a scrape of a file server) can alert before a certificate expires, when
// a node is down, or when a peer falls behind. One gauge series per certificate (its notAfter in unix seconds),
// per node (health) and per node and channel (ledger height). A registry of its own: never prom-client's global
// one, so nothing else of the process (default Node metrics) leaks in.
import { Gauge, Registry } from 'prom-client';
import type { StatusReport } from './network-status.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `now`: when the status was taken (netspec_status_timestamp_seconds). */
export async function renderPrometheus(report: StatusReport, now: Date = new Date()): Promise<string> {
  const registry = new Registry();
  const gauge = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
    new Gauge<Label>({ name, help, labelNames, registers: [registry] });
  const network = report.network;

  const expiry = gauge(
    'netspec_certificate_expiry_timestamp_seconds',
    'When a certificate the network depends on expires (notAfter), in unix seconds',
    ['network', 'organization', 'node', 'kind', 'subject', 'fingerprint'],
  );
  for (const certificate of report.certificates)
    expiry.set(
      {
        network,
        organization: certificate.organization,
        node: certificate.node ?? '',
        kind: certificate.kind,
        subject: certificate.subject,
        // The first 16 hex digits of the SHA-256 of the DER: two certificates of one role (a CA being rotated) stay
        // two series.
        fingerprint: certificate.sha256.slice(0, 16),
      },
      Math.floor(Date.parse(certificate.notAfter) / 1000),
    );

  const reachable = gauge('netspec_node_reachable', '1 when the node’s operations endpoint answered', NODE_LABELS);
  const healthy = gauge('netspec_node_healthy', '1 when the node’s /healthz answered OK', NODE_LABELS);
  const height = gauge('netspec_ledger_height', 'Blocks in the channel’s ledger on the node', [
    ...NODE_LABELS,
    'channel',
  ]);
  for (const node of report.nodes) {
    const labels = { network, ...nodeLabels(node.node), kind: node.kind };
    reachable.set(labels, node.health === 'unreachable' ? 0 : 1);
    healthy.set(labels, node.health === 'OK' ? 1 : 0);
    for (const [channel, blocks] of Object.entries(node.heights ?? {})) height.set({ ...labels, channel }, blocks);
  }
  const ordererHeight = gauge(
    'netspec_channel_orderer_height',
    'The highest ledger height the channel’s consenters report',
    ['network', 'channel'],
  );
  const lag = gauge('netspec_peer_lag_blocks', 'Blocks a peer is behind the ordering service', [
    ...NODE_LABELS,
    'channel',
  ]);
  for (const channel of report.channels) {
    if (channel.ordererHeight !== undefined)
      ordererHeight.set({ network, channel: channel.channel }, channel.ordererHeight);
    for (const node of channel.nodes)
      if (node.lag !== undefined)
        lag.set({ network, ...nodeLabels(node.node), kind: node.kind, channel: channel.channel }, node.lag);
  }
  gauge('netspec_status_timestamp_seconds', 'When netspec took this status, in unix seconds', ['network']).set(
    { network },
    Math.floor(now.getTime() / 1000),
  );
  return registry.metrics();
}

const NODE_LABELS = ['network', 'organization', 'node', 'kind'] as const;

/** `org/node` -> its two labels. */
function nodeLabels(ref: string): { organization: string; node: string } {
  const slash = ref.indexOf('/');
  return { organization: ref.slice(0, slash), node: ref.slice(slash + 1) };
}
