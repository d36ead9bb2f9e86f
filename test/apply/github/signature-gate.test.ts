import { describe, expect, it } from 'vitest';
import { latestReviewVerdicts, parseApprover, requirementMet } from '../../../src/apply/github/index.js';
import type { Requirement } from '../../../src/policy/index.js';

const signedBy = (mspId: string) => ({ kind: 'signedBy' as const, principal: { mspId, role: 'ADMIN' } });

describe('requirementMet', () => {
  it('evaluates an OutOf policy over the orgs that count, each org satisfying one principal only', () => {
    // OutOf(2, A.admin, A.admin, B.admin): two principals of one org cannot be met by its single signature.
    const requirement: Requirement = {
      kind: 'signature',
      path: '/Channel/Application/Admins',
      rule: { kind: 'nOutOf', n: 2, rules: [signedBy('AMSP'), signedBy('AMSP'), signedBy('BMSP')] },
    };
    expect(requirementMet(requirement, new Set(['AMSP']))).toBe(false);
    expect(requirementMet(requirement, new Set(['AMSP', 'BMSP']))).toBe(true);
  });

  it('an implicit-meta policy needs its threshold of sub-policies; a missing policy is never met', () => {
    const of = ['AMSP', 'BMSP', 'CMSP'].map(
      (mspId): Requirement => ({ kind: 'signature', path: `/x/${mspId}`, rule: signedBy(mspId) }),
    );
    const majority: Requirement = {
      kind: 'implicitMeta',
      path: '/x',
      rule: 'MAJORITY',
      subPolicy: 'Admins',
      threshold: 2,
      of,
    };
    expect(requirementMet(majority, new Set(['CMSP']))).toBe(false);
    expect(requirementMet(majority, new Set(['CMSP', 'AMSP']))).toBe(true);
    expect(requirementMet({ kind: 'missing', path: '/x' }, new Set(['AMSP', 'BMSP', 'CMSP']))).toBe(false);
  });
});

describe('reviews and approvers', () => {
  it('keeps the latest approval or change request per login, case-insensitively; dismissal revokes', () => {
    const head = 'c0ffee'.padEnd(40, '0');
    const verdicts = latestReviewVerdicts(
      [
        { id: 1, login: 'Alice', state: 'APPROVED', submittedAt: '2024-01-01T00:00:00Z', commitId: head },
        { id: 2, login: 'alice', state: 'COMMENTED', submittedAt: '2024-01-02T00:00:00Z', commitId: head },
        { id: 3, login: 'bob', state: 'APPROVED', submittedAt: '2024-01-01T00:00:00Z', commitId: head },
        { id: 4, login: 'bob', state: 'DISMISSED', submittedAt: '2024-01-03T00:00:00Z', commitId: head },
        { id: 5, login: 'carol', state: 'PENDING', commitId: head },
        // GitHub sends lower-case shas; an upper-case head names the same commit. No commit approves nothing.
        { id: 6, login: 'dave', state: 'APPROVED', submittedAt: '2024-01-01T00:00:00Z' },
      ],
      head.toUpperCase(),
    );
    expect([...verdicts]).toEqual([
      ['alice', 'APPROVED'],
      ['bob', 'DISMISSED'],
      ['dave', 'STALE_APPROVAL'],
    ]);
  });

  it('parses @user and @org/team, and rejects anything else', () => {
    expect(parseApprover('@alice-acme')).toEqual({ kind: 'user', login: 'alice-acme' });
    expect(parseApprover('@acme/fabric-admins')).toEqual({ kind: 'team', org: 'acme', team: 'fabric-admins' });
    expect(parseApprover('alice')).toBeUndefined();
    expect(parseApprover('@acme/team/extra')).toBeUndefined();
  });
});
