// Ledger heights per channel from a Fabric node's Prometheus /metrics text. Peers and orderers both export
// `ledger_blockchain_height{channel}` (blocks in the chain); a Raft orderer also exports
// `consensus_etcdraft_committed_block_number{channel}`, the last block's number, i.e. height - 1, used when
// the ledger gauge is absent. Lines are `name{label="value",...} number [timestamp]`; comments are skipped.

const HEIGHT = 'ledger_blockchain_height';
const RAFT_COMMITTED = 'consensus_etcdraft_committed_block_number';

export function channelHeights(metrics: string): Record<string, number> {
  const ledger = new Map<string, number>();
  const raft = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    const sample = parseSample(line.trim());
    if (!sample) continue;
    const channel = sample.labels.channel;
    if (channel === undefined || !Number.isFinite(sample.value)) continue;
    if (sample.name === HEIGHT) ledger.set(channel, sample.value);
    else if (sample.name === RAFT_COMMITTED) raft.set(channel, sample.value + 1);
  }
  const heights: Record<string, number> = {};
  for (const channel of [...new Set([...ledger.keys(), ...raft.keys()])].sort())
    heights[channel] = ledger.get(channel) ?? raft.get(channel)!;
  return heights;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSample(line: string): Sample | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
  if (!match) return undefined;
  const labels: Record<string, string> = {};
  // Label values are double-quoted with \\, \" and \n escapes.
  for (const label of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
    labels[label[1]!] = label[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  return { name: match[1]!, labels, value: Number(match[4]) };
}
