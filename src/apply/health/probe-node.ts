// One Fabric node's operations endpoint: GET /healthz (200 {"status":"OK"}, or 503 with failed_checks),
// /version ({"Version": "2.5.x", "CommitSHA": ...}) and /metrics (Prometheus text, for ledger heights).
// A node that does not answer in time is reported as unreachable, never thrown: status always completes.
import { sendHttp, UnreachableError } from '../http/send-http.js';
import { channelHeights } from './prometheus-heights.js';

export type NodeKind = 'peer' | 'orderer';
export type Health = 'OK' | 'unhealthy' | 'unreachable';

export interface OperationsTarget {
  /** `org/node` */
  node: string;
  organization: string;
  kind: NodeKind;
  /** Base URL of the operations endpoint, without a trailing slash. */
  url: string;
  /** PEM certificates to trust when the endpoint is https. */
  tlsCaCerts: string[];
}

export interface NodeStatus {
  node: string;
  organization: string;
  kind: NodeKind;
  url: string;
  health: Health;
  /** `component: reason` for each failed check of a 503 /healthz. */
  failedChecks: string[];
  version?: string;
  /** Ledger height per channel; undefined when /metrics could not be read. */
  heights?: Record<string, number>;
  /** Why health is not OK, or why heights are unknown. */
  problems: string[];
}

export async function probeNode(target: OperationsTarget, timeoutMs: number): Promise<NodeStatus> {
  const status: NodeStatus = {
    node: target.node,
    organization: target.organization,
    kind: target.kind,
    url: target.url,
    health: 'OK',
    failedChecks: [],
    problems: [],
  };
  const get = (path: string) =>
    sendHttp({
      method: 'GET',
      url: new URL(path, `${target.url}/`),
      ca: target.tlsCaCerts,
      timeoutMs,
      retries: 0,
      backoffMs: 0,
    });

  try {
    const health = await get('healthz');
    const body = parseJson(health.body) as {
      status?: unknown;
      failed_checks?: { component?: string; reason?: string }[];
    };
    if (health.status === 200 && body?.status === 'OK') status.health = 'OK';
    else {
      status.health = 'unhealthy';
      status.failedChecks = (body?.failed_checks ?? []).map((c) => `${c.component ?? '?'}: ${c.reason ?? '?'}`);
      status.problems.push(
        `unhealthy: /healthz answered HTTP ${health.status}${status.failedChecks.length ? ` (${status.failedChecks.join('; ')})` : ''}`,
      );
    }
  } catch (error) {
    if (!(error instanceof UnreachableError)) throw error;
    status.health = 'unreachable';
    status.problems.push(`unreachable: ${error.message}`);
    return status;
  }

  const [version, metrics] = await Promise.allSettled([get('version'), get('metrics')]);
  if (version.status === 'fulfilled' && version.value.status === 200) {
    const body = parseJson(version.value.body) as { Version?: unknown } | undefined;
    if (typeof body?.Version === 'string') status.version = body.Version;
  }
  if (metrics.status === 'fulfilled' && metrics.value.status === 200)
    status.heights = channelHeights(metrics.value.body);
  else
    status.problems.push(
      `ledger heights unknown: /metrics ${metrics.status === 'fulfilled' ? `answered HTTP ${metrics.value.status} (is the Prometheus metrics provider on?)` : describe(metrics.reason)}`,
    );
  return status;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
