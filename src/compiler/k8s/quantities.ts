// Kubernetes quantities, as far as the ResourceQuota needs them: parse CPU and byte quantities, add them up,
// and print the sum back. Exact integer arithmetic (millicores, bytes), so the quota never drifts by rounding.
const BYTE_SUFFIX: Record<string, bigint> = {
  '': 1n,
  k: 1000n,
  M: 1000n ** 2n,
  G: 1000n ** 3n,
  T: 1000n ** 4n,
  P: 1000n ** 5n,
  E: 1000n ** 6n,
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};

/** `500m` -> 500, `2` -> 2000, `0.5` -> 500; undefined when the text is not a CPU quantity. */
export function parseMillicores(text: string): bigint | undefined {
  const match = /^([0-9]+)(?:\.([0-9]{1,3}))?(m?)$/.exec(text);
  if (!match) return undefined;
  const [, whole = '0', fraction = '', milli] = match;
  if (milli) return fraction ? undefined : BigInt(whole);
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
}

/** `512Mi` -> 536870912; undefined when the text is not a byte quantity (or has a fraction of a byte). */
export function parseBytes(text: string): bigint | undefined {
  const match = /^([0-9]+)(?:\.([0-9]+))?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '0', fraction = '', suffix = ''] = match;
  const unit = BYTE_SUFFIX[suffix] ?? 1n;
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(whole) * scale + BigInt(fraction || '0')) * unit;
  return scaled % scale === 0n ? scaled / scale : undefined;
}

export function formatMillicores(millicores: bigint): string {
  return millicores % 1000n === 0n ? String(millicores / 1000n) : `${millicores}m`;
}

/** The largest binary suffix that divides the value exactly: 1073741824 -> `1Gi`. */
export function formatBytes(bytes: bigint): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const unit = BYTE_SUFFIX[suffix]!;
    if (bytes >= unit && bytes % unit === 0n) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
