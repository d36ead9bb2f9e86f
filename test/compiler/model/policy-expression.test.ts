import { describe, expect, it } from 'vitest';
import {
  formatPolicyExpression,
  parsePolicyExpression,
  policyMspIds,
  policyPrincipals,
} from '../../../src/compiler/model/policy-expression.js';

describe('parsePolicyExpression: implicit-meta', () => {
  it.each([
    ['ANY Readers', 'ANY', 'Readers'],
    ['ALL Writers', 'ALL', 'Writers'],
    ['MAJORITY Admins', 'MAJORITY', 'Admins'],
    ['MAJORITY LifecycleEndorsement', 'MAJORITY', 'LifecycleEndorsement'],
  ])('reads %s', (text, rule, subPolicy) => {
    expect(parsePolicyExpression(text)).toEqual({ value: { kind: 'implicitMeta', rule, subPolicy } });
  });

  it.each([
    ['any Readers', 0, /upper case/],
    ['MAJORITY  Admins', 9, /exactly one space/],
    ['ANY Readers extra', 11, /exactly one space/],
    ['ANY', 3, /needs a sub-policy/],
    ['ALL Read/ers', 4, /not a policy name/],
  ])('refuses %j at offset %d', (text, offset, message) => {
    const { value, error } = parsePolicyExpression(text);
    expect(value).toBeUndefined();
    expect(error?.offset).toBe(offset);
    expect(error?.message).toMatch(message);
  });
});

describe('parsePolicyExpression: signature policies', () => {
  it('reads OR over principals with either quote', () => {
    const { value, error } = parsePolicyExpression(`OR('Org1MSP.admin', "Org2MSP.member")`);
    expect(error).toBeUndefined();
    expect(value).toEqual({
      kind: 'signature',
      rule: {
        kind: 'nOutOf',
        gate: 'or',
        n: 1,
        offset: 0,
        rules: [
          { kind: 'signedBy', mspId: 'Org1MSP', role: 'admin', offset: 3 },
          { kind: 'signedBy', mspId: 'Org2MSP', role: 'member', offset: 20 },
        ],
      },
    });
  });

  it('gives AND a threshold of all its rules and OutOf its count', () => {
    const and = parsePolicyExpression(`AND('A.peer', 'B.peer', 'C.peer')`).value;
    const outOf = parsePolicyExpression(`OutOf(2, 'A.peer', 'B.peer', 'C.peer')`).value;
    expect(and?.kind === 'signature' && and.rule.kind === 'nOutOf' && and.rule.n).toBe(3);
    expect(outOf?.kind === 'signature' && outOf.rule.kind === 'nOutOf' && outOf.rule.n).toBe(2);
  });

  it('reads nested gates and lists MSP ids once, in order', () => {
    const text = `OR(AND('Org1MSP.peer', 'Org2MSP.peer'), OutOf(1, 'Org3MSP.client', 'Org1MSP.orderer'))`;
    const { value } = parsePolicyExpression(text);
    expect(value).toBeDefined();
    expect(policyMspIds(value!)).toEqual(['Org1MSP', 'Org2MSP', 'Org3MSP']);
    // Each principal points at its opening quote.
    expect(policyPrincipals(value!).map((p) => `${p.mspId}.${p.role}@${p.offset}`)).toEqual([
      `Org1MSP.peer@${text.indexOf(`'Org1MSP.peer'`)}`,
      `Org2MSP.peer@${text.indexOf(`'Org2MSP.peer'`)}`,
      `Org3MSP.client@${text.indexOf(`'Org3MSP.client'`)}`,
      `Org1MSP.orderer@${text.indexOf(`'Org1MSP.orderer'`)}`,
    ]);
    expect(formatPolicyExpression(value!)).toBe(text);
  });

  it('accepts the three spellings policydsl registers for each gate', () => {
    for (const gate of ['And', 'and', 'AND', 'Or', 'or', 'OR']) {
      expect(parsePolicyExpression(`${gate}('A.member')`).error).toBeUndefined();
    }
    for (const gate of ['OutOf', 'outof', 'OUTOF']) {
      expect(parsePolicyExpression(`${gate}(1, 'A.member')`).error).toBeUndefined();
    }
  });

  it('takes the longest MSP id, as policydsl does, and MSP ids with dots and dashes', () => {
    const { value } = parsePolicyExpression(`OR('org1.example-com.member')`);
    expect(policyMspIds(value!)).toEqual(['org1.example-com']);
  });

  it('round-trips through its canonical text', () => {
    const text = `outof(2, 'A.peer', and("B.admin", 'C.client'), 'D.member')`;
    const first = parsePolicyExpression(text).value!;
    const again = parsePolicyExpression(formatPolicyExpression(first)).value!;
    expect(formatPolicyExpression(again)).toBe(`OutOf(2, 'A.peer', AND('B.admin', 'C.client'), 'D.member')`);
    expect(policyPrincipals(again).map((p) => p.mspId)).toEqual(['A', 'B', 'C', 'D']);
  });

  it.each([
    [`OutOf(0, 'A.peer', 'B.peer')`, 6, /count must be 1\.\.2/],
    [`OutOf(3, 'A.peer', 'B.peer')`, 6, /count must be 1\.\.2/],
    [`OutOf(1.5, 'A.peer')`, 6, /whole number/],
    [`OutOf('A.peer')`, 6, /needs a count/],
    [`OR('A.peer', 'B.Admin')`, 13, /'Admin' is not a role/],
    [`OR('A.peer', 'B.writer')`, 13, /not a role/],
    [`OR('Apeer')`, 3, /not a principal/],
    [`OR('A.peer'`, 11, /expected ',' or '\)'/],
    [`OR('A.peer'))`, 12, /unexpected '\)' after the policy/],
    [`OR()`, 3, /expected a principal/],
    [`OR(A.peer)`, 3, /principal must be quoted: write 'A.peer'/],
    [`OR(Foo('A.peer'))`, 3, /'Foo' is not a policy gate/],
    [`Or('A.peer', 'B.peer'`, 21, /expected ',' or '\)'/],
    [`oR('A.peer')`, 0, /Fabric accepts only Or, or, OR/],
    [`NOT('A.peer')`, 0, /use AND, OR or OutOf/],
    [`'A.peer'`, 0, /a principal alone is not a policy/],
    [`OR('A.peer)`, 3, /unterminated/],
    [`OR('A.peer' & 'B.peer')`, 12, /unexpected character '&'/],
    [`AND('A.peer',)`, 13, /expected a principal/],
    [``, 0, /empty/],
  ])('refuses %j at offset %d', (text, offset, message) => {
    const { value, error } = parsePolicyExpression(text);
    expect(value).toBeUndefined();
    expect(error?.message).toMatch(message);
    expect(error?.offset).toBe(offset);
  });

  it('names no MSPs for implicit-meta policies', () => {
    expect(policyMspIds(parsePolicyExpression('ANY Readers').value!)).toEqual([]);
  });
});
