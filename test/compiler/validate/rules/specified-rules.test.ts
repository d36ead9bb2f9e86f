import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../src/compiler/diagnostics/index.js';
import type { NetworkSpec } from '../../../../src/compiler/model/spec.js';
import { parseYaml } from '../../../../src/compiler/parse/index.js';
import { createRuleContext } from '../../../../src/compiler/validate/rule-context.js';
import { SPECIFIED_RULES } from '../../../../src/compiler/validate/rules/specified-rules.js';
import { runRule } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

/** The certificate rules read crypto files generated elsewhere; every other rule must pass the examples as written. */
const RULES_READING_CRYPTO = new Set(['certificatesValid', 'consenterTlsCertsPresent']);
const rulesWithoutFiles = SPECIFIED_RULES.filter((rule) => !RULES_READING_CRYPTO.has(rule.name));

describe('SPECIFIED_RULES', () => {
  it('is frozen and lists each rule once', () => {
    expect(Object.isFrozen(SPECIFIED_RULES)).toBe(true);
    expect(new Set(SPECIFIED_RULES).size).toBe(SPECIFIED_RULES.length);
  });

  it('passes the supply-chain example', () => {
    const file = 'networks/supply-chain/network.yaml';
    const parsed = parseYaml(file, readFileSync(file, 'utf8')).value!;
    const diagnostics: Diagnostic[] = [];
    const ctx = createRuleContext(parsed.data as NetworkSpec, parsed, 'networks/supply-chain', diagnostics);
    for (const rule of rulesWithoutFiles) rule(ctx);
    expect(diagnostics).toEqual([]);
  });

  it('passes the compact base spec the rule tests start from', () => {
    for (const rule of rulesWithoutFiles) expect(runRule(rule, specYaml()).lines, rule.name).toEqual([]);
  });

  it('does not crash on a spec holding only the required fields', () => {
    const minimal =
      'apiVersion: netspec/v1\nname: x\norganizations:\n  a:\n    mspId: AMSP\n    domain: a.example.com\n    roles: [participant]\n    msp: {}\n';
    // `msp: {}` names no material at all: the one finding a minimal spec has.
    const expected = (name: string) => (name === 'mspMaterialPresent' ? ['8:10 error NS_MSP_INCOMPLETE'] : []);
    for (const rule of rulesWithoutFiles) expect(runRule(rule, minimal).lines, rule.name).toEqual(expected(rule.name));
  });
});
