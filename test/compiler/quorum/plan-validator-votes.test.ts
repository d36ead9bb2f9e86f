// Planning validator votes: one change per step, additions before removals, n and f before/after each step.
import { describe, expect, it } from 'vitest';
import { faultTolerance, planValidatorVotes } from '../../../src/compiler/quorum/plan-validator-votes.js';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const desired = (...ids: number[]) =>
  ids.map((id) => ({ address: address(id), name: `v${id}`, organization: id % 2 ? 'org1' : 'org2' }));

describe('faultTolerance', () => {
  it('is floor((n-1)/3)', () => {
    expect([0, 1, 3, 4, 6, 7, 10].map(faultTolerance)).toEqual([0, 0, 0, 1, 1, 2, 3]);
  });
});

describe('planValidatorVotes', () => {
  it('has no steps when the live set is the desired set (any order, any casing)', () => {
    expect(
      planValidatorVotes(
        [address(2), address(1)].map((a) => a.toUpperCase().replace('0X', '0x')),
        desired(1, 2),
      ),
    ).toEqual([]);
  });

  it('replaces a validator by adding first, so f never drops to 0 on the way', () => {
    const steps = planValidatorVotes([1, 2, 3, 4].map(address), desired(1, 2, 3, 5));
    expect(steps.map((s) => [s.action, s.address, s.before, s.after])).toEqual([
      ['add', address(5), { n: 4, f: 1 }, { n: 5, f: 1 }],
      ['remove', address(4), { n: 5, f: 1 }, { n: 4, f: 1 }],
    ]);
    expect(steps.every((s) => s.warnings.length === 0)).toBe(true);
    expect(steps[0]).toMatchObject({ name: 'v5', owner: 'org1' });
    // The removed validator is not in the spec: its owner is unknown unless `known` names it.
    expect(steps[1]).toMatchObject({ name: null, owner: null });
    expect(planValidatorVotes([1, 2, 3, 4].map(address), desired(1, 2, 3, 5), desired(4))[1]).toMatchObject({
      name: 'v4',
      owner: 'org2',
    });
  });

  it('warns when a step lowers f and when n drops below 4', () => {
    const steps = planValidatorVotes([1, 2, 3, 4, 5].map(address), desired(1, 2, 3));
    expect(steps.map((s) => `${s.before.n}/${s.before.f}->${s.after.n}/${s.after.f}`)).toEqual([
      '5/1->4/1',
      '4/1->3/0',
    ]);
    expect(steps[0]!.warnings).toEqual([]);
    expect(steps[1]!.warnings).toEqual([
      'fault tolerance drops from f = 1 to f = 0 (n = 4 -> 3)',
      '3 validators tolerate no fault: one stopped validator halts the chain',
    ]);
  });

  it('keeps spec order for additions and live order for removals', () => {
    const steps = planValidatorVotes([9, 8, 1].map(address), desired(1, 7, 6));
    expect(steps.map((s) => `${s.action}:${Number.parseInt(s.address, 16)}`)).toEqual([
      'add:7',
      'add:6',
      'remove:9',
      'remove:8',
    ]);
    expect(steps.map((s) => s.after.n)).toEqual([4, 5, 4, 3]);
  });
});
