// Fabric's policy evaluation over valid identities: ImplicitMeta thresholds, n-out-of with each signature
// satisfying at most one principal (greedy, in order, as cauthdsl), roles.
import { describe, expect, it } from 'vitest';
import {
  type EvaluatedIdentity,
  evaluateRequirement,
  type Requirement,
  type SignatureRequirement,
} from '../../src/policy/index.js';

/** An identity of `mspId` holding `roles` (MEMBER is implied). */
function identity(mspId: string, ...roles: string[]): EvaluatedIdentity {
  return { mspId, satisfies: (p) => p.mspId === mspId && (p.role === 'MEMBER' || roles.includes(p.role)) };
}

const by = (mspId: string, role = 'ADMIN'): SignatureRequirement => ({ kind: 'signedBy', principal: { mspId, role } });
const outOf = (n: number, ...rules: SignatureRequirement[]): SignatureRequirement => ({ kind: 'nOutOf', n, rules });
const sig = (path: string, rule: SignatureRequirement): Requirement => ({ kind: 'signature', path, rule });
const admins = (org: string) => sig(`/Channel/Application/${org}/Admins`, outOf(1, by(org)));
const meta = (rule: 'ANY' | 'ALL' | 'MAJORITY', threshold: number, ...orgs: string[]): Requirement => ({
  kind: 'implicitMeta',
  path: '/Channel/Application/Admins',
  rule,
  subPolicy: 'Admins',
  threshold,
  of: orgs.map(admins),
});

describe('evaluateRequirement', () => {
  it('MAJORITY of 3 needs 2 org admins; reports who signed and who could still sign', () => {
    const policy = meta('MAJORITY', 2, 'A', 'B', 'C');
    expect(evaluateRequirement(policy, [identity('A', 'ADMIN')])).toEqual({
      satisfied: false,
      signedBy: ['A'],
      waitingFor: ['B', 'C'],
      met: 1,
      needed: 2,
    });
    expect(evaluateRequirement(policy, [identity('A', 'ADMIN'), identity('C', 'ADMIN')])).toMatchObject({
      satisfied: true,
      signedBy: ['A', 'C'],
      waitingFor: [],
    });
  });

  it('ALL needs every org; ANY needs one; a threshold of 0 is met by nobody signing', () => {
    const two = [identity('A', 'ADMIN'), identity('B', 'ADMIN')];
    expect(evaluateRequirement(meta('ALL', 3, 'A', 'B', 'C'), two)).toMatchObject({
      satisfied: false,
      waitingFor: ['C'],
    });
    expect(evaluateRequirement(meta('ANY', 1, 'A', 'B', 'C'), [identity('B', 'ADMIN')]).satisfied).toBe(true);
    expect(evaluateRequirement(meta('MAJORITY', 0), []).satisfied).toBe(true);
  });

  it('a member signature does not satisfy an admin principal', () => {
    expect(evaluateRequirement(meta('ANY', 1, 'A'), [identity('A', 'CLIENT')])).toMatchObject({
      satisfied: false,
      signedBy: [],
      waitingFor: ['A'],
    });
  });

  it('one signature satisfies at most one principal: AND(A.admin, A.member) needs two A identities', () => {
    const policy = sig('/Channel/X', outOf(2, by('A', 'ADMIN'), by('A', 'MEMBER')));
    expect(evaluateRequirement(policy, [identity('A', 'ADMIN')]).satisfied).toBe(false);
    expect(evaluateRequirement(policy, [identity('A', 'ADMIN'), identity('A')]).satisfied).toBe(true);
  });

  it('greedy in order, as Fabric: the first matching identity is taken even when a later choice would fit better', () => {
    // AND(A.member, A.admin) over [admin, member]: the admin is used for A.member, the member cannot be an admin.
    const policy = sig('/Channel/X', outOf(2, by('A', 'MEMBER'), by('A', 'ADMIN')));
    expect(evaluateRequirement(policy, [identity('A', 'ADMIN'), identity('A')]).satisfied).toBe(false);
    expect(evaluateRequirement(policy, [identity('A'), identity('A', 'ADMIN')]).satisfied).toBe(true);
  });

  it('roles PEER and CLIENT are told apart (NodeOUs)', () => {
    const policy = sig('/Channel/Application/Endorsement', outOf(2, by('A', 'PEER'), by('B', 'PEER'), by('C', 'PEER')));
    const result = evaluateRequirement(policy, [identity('A', 'PEER'), identity('B', 'CLIENT'), identity('C', 'PEER')]);
    expect(result).toMatchObject({ satisfied: true, signedBy: ['A', 'C'], met: 2, needed: 2 });
  });

  it('a missing policy is never satisfied', () => {
    expect(evaluateRequirement({ kind: 'missing', path: '/Channel/Nope' }, [identity('A', 'ADMIN')]).satisfied).toBe(
      false,
    );
  });
});
