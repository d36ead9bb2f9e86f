// Durations and sizes as a spec writes them, read the way Fabric's own tools read them, so a value that
// passes here is one configtxgen and the orderer accept too.
//  - durations follow Go's time.ParseDuration (`2s`, `500ms`, `1m30s`, `1.5s`) and print like Duration.String();
//  - sizes follow configtxgen's byte-size hook (`10 MB` = 10 * 1024 * 1024, `512KB`, `98304`), capped at uint32
//    because every size field in Fabric's config protos (BatchSize, SnapshotIntervalSize) is a uint32.

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign, as Go accepts it
  μs: 1_000n, // U+03BC Greek mu, as Go accepts it
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const NANOS_PER_MILLI = 1_000_000n;
/** Go's Duration is an int64 of nanoseconds; anything larger overflows in Fabric. */
const MAX_DURATION_NANOS = (1n << 63n) - 1n;
const MAX_UINT32 = 0xffff_ffff;

/**
 * A Go duration text -> milliseconds (fractional below a millisecond), or undefined when Go would reject it.
 * A sign is refused: no duration in a spec (timeouts, ticks, block periods) can be negative.
 */
export function parseDuration(text: string): number | undefined {
  const nanos = parseDurationNanos(text);
  return nanos === undefined ? undefined : Number(nanos) / Number(NANOS_PER_MILLI);
}

/** The same parse, exact: integer nanoseconds as Go holds them. */
export function parseDurationNanos(text: string): bigint | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  // Go's special case: a bare "0" needs no unit.
  if (text === '0') return 0n;
  const segment = /([0-9]*)(?:\.([0-9]*))?([a-zµμ]+)/y;
  let total = 0n;
  let index = 0;
  while (index < text.length) {
    segment.lastIndex = index;
    const match = segment.exec(text);
    if (!match) return undefined;
    const [whole, integerDigits = '', fractionDigits, unitText = ''] = match;
    // "." alone, or a unit with no number in front, is what Go calls a missing number.
    if (integerDigits === '' && (fractionDigits === undefined || fractionDigits === '')) return undefined;
    const unit = NANOS_PER_UNIT[unitText];
    if (unit === undefined) return undefined;
    total += BigInt(integerDigits || '0') * unit;
    if (fractionDigits) {
      // Go truncates the fraction to whole nanoseconds.
      total += (BigInt(fractionDigits) * unit) / 10n ** BigInt(fractionDigits.length);
    }
    if (total > MAX_DURATION_NANOS) return undefined;
    index += whole.length;
  }
  return total;
}

/**
 * Milliseconds -> Go's Duration.String(): `2s`, `500ms`, `1m30s`, `1h0m0s`, `1.5µs`, `0s`.
 * Fabric writes BatchTimeout this way, so config bytes built from it match configtxgen's.
 */
export function formatDuration(ms: number): string {
  return formatDurationNanos(BigInt(Math.round(ms * Number(NANOS_PER_MILLI))));
}

export function formatDurationNanos(nanos: bigint): string {
  const negative = nanos < 0n;
  let u = negative ? -nanos : nanos;
  let text: string;
  if (u < NANOS_PER_UNIT.s!) {
    // Below a second Go picks the largest unit that keeps an integer part: 1.2ms, 500µs, 40ns.
    if (u === 0n) return '0s';
    if (u < NANOS_PER_UNIT.us!) text = `${u}ns`;
    else if (u < NANOS_PER_UNIT.ms!) text = `${withFraction(u, 3)}µs`;
    else text = `${withFraction(u, 6)}ms`;
  } else {
    const seconds = withFraction(u % NANOS_PER_UNIT.m!, 9);
    u /= NANOS_PER_UNIT.m!;
    text = `${seconds}s`;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}

/** value / 10^digits as a decimal with trailing zeros (and a bare point) dropped, as Go's fmtFrac does. */
function withFraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction === '' ? `${value / scale}` : `${value / scale}.${fraction}`;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/**
 * A size -> bytes, or undefined when it does not parse or does not fit a uint32.
 * Accepts what configtxgen accepts (`10 MB`, `10mb`, `512 k`, `98304`, a YAML integer) plus an explicit `B`.
 * Units are binary (1 KB = 1024 bytes) because that is how Fabric reads them; decimals are refused, as there.
 */
export function parseSize(text: string | number): number | undefined {
  if (typeof text === 'number') {
    return Number.isSafeInteger(text) && text >= 0 && text <= MAX_UINT32 ? text : undefined;
  }
  if (typeof text !== 'string') return undefined;
  const match = /^([0-9]+)\s*([a-zA-Z]*)$/.exec(text);
  if (!match) return undefined;
  const multiplier = SIZE_UNITS[match[2]!.toLowerCase()];
  if (multiplier === undefined) return undefined;
  const bytes = Number(match[1]) * multiplier;
  return Number.isSafeInteger(bytes) && bytes <= MAX_UINT32 ? bytes : undefined;
}

/** The largest value a size field may hold (Fabric's uint32). */
export const MAX_SIZE_BYTES = MAX_UINT32;
