import { describe, expect, it } from 'vitest';
import { claimBatch } from '../../../src/compiler/plan/plan-kubernetes-worker.js';

describe('claimBatch', () => {
  it('gives each batch to the first thread that claims it, once', () => {
    const claims = new Int32Array(new SharedArrayBuffer(4 * 3));
    expect(claimBatch(claims, 0, 'main')).toBe(true);
    expect(claimBatch(claims, 0, 'worker')).toBe(false);
    expect(claimBatch(claims, 1, 'worker')).toBe(true);
    expect(claimBatch(claims, 1, 'main')).toBe(false);
    expect(claimBatch(claims, 1, 'worker')).toBe(false);
    expect([...claims]).toEqual([1, 2, 0]);
  });

  it('claims nothing past the slots it has', () => {
    const claims = new Int32Array(new SharedArrayBuffer(4));
    expect(claimBatch(claims, 1, 'main')).toBe(false);
  });
});
