// The one retry schedule of everything netspec sends to a live system (orderers, peers, Fabric CAs, Quorum nodes,
// metrics endpoints): a first attempt, then up to `retries` more, waiting `backoffMs` before the second and twice
// as long before each one after, never longer than `maxBackoffMs`. Which failures are worth another attempt is the
// caller's judgement (a refused connection usually is, an answer never is), and so is the error after the last.

export interface RetryPolicy {
  /** Extra attempts after the first; anything but a finite count above zero means none. */
  retries: number;
  /** The wait before the second attempt, doubled before each one after. */
  backoffMs: number;
  /** The longest single wait. Default 30 s: past the defaults' schedule, it only bounds a large --retries. */
  maxBackoffMs?: number;
}

export type Sleep = (ms: number) => Promise<void>;

export interface RetryOptions {
  /** True when another attempt may succeed where this one failed; any other error is thrown at once. */
  retryable: (error: unknown) => boolean;
  /** How a wait is spent: tests pass one that only records the delays. */
  sleep?: Sleep;
}

/** The value of the first attempt that succeeded, or the last retryable error and how many attempts were made. */
export type RetryOutcome<T> = { ok: true; value: T } | { ok: false; attempts: number; lastError: unknown };

const DEFAULT_MAX_BACKOFF_MS = 30_000;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt` (0 is the first attempt, which does not wait). */
function backoffDelay(policy: RetryPolicy, attempt: number): number {
  if (attempt <= 0) return 0;
  return Math.min(policy.backoffMs * 2 ** (attempt - 1), policy.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
}

export async function retry<T>(
  policy: RetryPolicy,
  attempt: (index: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const wait = options.sleep ?? sleep;
  const attempts = (Number.isFinite(policy.retries) && policy.retries > 0 ? Math.floor(policy.retries) : 0) + 1;
  let lastError: unknown;
  for (let index = 0; index < attempts; index++) {
    if (index > 0) await wait(backoffDelay(policy, index));
    try {
      return { ok: true, value: await attempt(index) };
    } catch (error) {
      if (!options.retryable(error)) throw error;
      lastError = error;
    }
  }
  return { ok: false, attempts, lastError };
}
