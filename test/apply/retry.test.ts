import { describe, expect, it } from 'vitest';
import { retry } from '../../src/apply/retry.js';

class Refused extends Error {}
class Answered extends Error {}

/** A sleep that only records what it was asked to wait, and an attempt that fails `failures` times first. */
function harness(failures: Error[], value = 'answer') {
  const waits: number[] = [];
  const calls: number[] = [];
  const attempt = async (index: number) => {
    calls.push(index);
    const failure = failures[index];
    if (failure) throw failure;
    return value;
  };
  const options = {
    retryable: (error: unknown) => error instanceof Refused,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
  return { waits, calls, attempt, options };
}

describe('retry', () => {
  it('returns the first answer without waiting', async () => {
    const { waits, calls, attempt, options } = harness([]);
    expect(await retry({ retries: 3, backoffMs: 500 }, attempt, options)).toEqual({ ok: true, value: 'answer' });
    expect(calls).toEqual([0]);
    expect(waits).toEqual([]);
  });

  it('waits the backoff, doubled each time, between retryable failures, and returns the answer that came', async () => {
    const { waits, calls, attempt, options } = harness([new Refused('a'), new Refused('b')]);
    expect(await retry({ retries: 3, backoffMs: 500 }, attempt, options)).toEqual({ ok: true, value: 'answer' });
    expect(calls).toEqual([0, 1, 2]);
    expect(waits).toEqual([500, 1000]);
  });

  it('after retries + 1 failed attempts, gives the last error and the number of attempts', async () => {
    const last = new Refused('d');
    const { waits, calls, attempt, options } = harness([new Refused('a'), new Refused('b'), new Refused('c'), last]);
    const outcome = await retry({ retries: 3, backoffMs: 250 }, attempt, options);
    expect(outcome).toEqual({ ok: false, attempts: 4, lastError: last });
    expect(calls).toEqual([0, 1, 2, 3]);
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('throws an error the caller does not call retryable at once, without another attempt', async () => {
    const answered = new Answered('HTTP 403');
    const { waits, calls, attempt, options } = harness([new Refused('a'), answered]);
    await expect(retry({ retries: 5, backoffMs: 100 }, attempt, options)).rejects.toBe(answered);
    expect(calls).toEqual([0, 1]);
    expect(waits).toEqual([100]);
  });

  it('never waits longer than the cap, 30 s unless the policy says otherwise', async () => {
    const failures = Array.from({ length: 8 }, (_, i) => new Refused(String(i)));
    const capped = harness(failures);
    await retry({ retries: 7, backoffMs: 1000, maxBackoffMs: 5000 }, capped.attempt, capped.options);
    expect(capped.waits).toEqual([1000, 2000, 4000, 5000, 5000, 5000, 5000]);
    const byDefault = harness(failures);
    await retry({ retries: 7, backoffMs: 1000 }, byDefault.attempt, byDefault.options);
    expect(byDefault.waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('makes one attempt when retries is zero, negative or not a number', async () => {
    for (const retries of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { waits, calls, attempt, options } = harness([new Refused('a'), new Refused('b')]);
      const outcome = await retry({ retries, backoffMs: 10 }, attempt, options);
      expect(outcome).toMatchObject({ ok: false, attempts: 1 });
      expect(calls).toEqual([0]);
      expect(waits).toEqual([]);
    }
  });
});
