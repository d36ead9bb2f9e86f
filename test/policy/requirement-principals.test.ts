// Who a requirement names: every principal in policy order, repeats kept (signing checks a certificate against
// each), and the distinct MSP ids sorted (plan.md's checkboxes, the gate's waiting list). A missing policy names
// no one.
import { describe, expect, it } from 'vitest';
import { type Requirement, requirementMspIds, requirementPrincipals } from '../../src/policy/index.js';

const signedBy = (mspId: string, role: string) => ({ kind: 'signedBy' as const, principal: { mspId, role } });

describe('requirementPrincipals and requirementMspIds', () => {
  const requirement: Requirement = {
    kind: 'implicitMeta',
    path: '/Channel/Application/Admins',
    rule: 'MAJORITY',
    subPolicy: 'Admins',
    threshold: 2,
    of: [
      {
        kind: 'signature',
        path: '/Channel/Application/BMSP/Admins',
        rule: { kind: 'nOutOf', n: 1, rules: [signedBy('BMSP', 'ADMIN'), signedBy('BMSP', 'PEER')] },
      },
      { kind: 'signature', path: '/Channel/Application/AMSP/Admins', rule: signedBy('AMSP', 'ADMIN') },
      { kind: 'missing', path: '/Channel/Application/CMSP/Admins' },
    ],
  };

  it('lists every principal in policy order and each MSP once, sorted', () => {
    expect(requirementPrincipals(requirement)).toEqual([
      { mspId: 'BMSP', role: 'ADMIN' },
      { mspId: 'BMSP', role: 'PEER' },
      { mspId: 'AMSP', role: 'ADMIN' },
    ]);
    expect(requirementMspIds(requirement)).toEqual(['AMSP', 'BMSP']);
  });

  it('a missing policy names no one', () => {
    const missing: Requirement = { kind: 'missing', path: '/Channel/Nope' };
    expect(requirementPrincipals(missing)).toEqual([]);
    expect(requirementMspIds(missing)).toEqual([]);
  });
});
