// Health: reads every Fabric node's operations endpoint (/healthz, /version, /metrics) and compares the ledger
// heights peers and orderers report per channel. Read-only: it never changes the network.
export {
  type CertificateStatus,
  type ChannelNodeHeight,
  type ChannelStatus,
  type HeightState,
  networkStatus,
  operationsTargets,
  type StatusOptions,
  type StatusReport,
} from './network-status.js';
export { type Health, type NodeKind, type NodeStatus, type OperationsTarget, probeNode } from './probe-node.js';
export { channelHeights } from './prometheus-heights.js';
export { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from './prometheus-metrics.js';
export { renderStatus, type StatusFormat } from './render-status.js';
export { type SpecStatusOptions, specStatus } from './spec-status.js';
