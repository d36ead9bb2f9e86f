// Test harness for semantic rules: run one rule over an inline YAML text and compare what it reports,
// as `line:col severity CODE` (1-based, the position of the primary range), like the CLI prints it.
import { expect } from 'vitest';
import type { Diagnostic, Severity } from '../../src/compiler/diagnostics/index.js';
import { positionOf } from '../../src/compiler/diagnostics/index.js';
import type { NetworkSpec } from '../../src/compiler/model/spec.js';
import { parseYaml } from '../../src/compiler/parse/index.js';
import { createRuleContext, type Rule } from '../../src/compiler/validate/rule-context.js';

export const TEST_FILE = 'network.yaml';

/** The long form of an expectation, for when the message or related locations matter too. */
export interface ExpectedDiagnostic {
  /** `line:col` of the primary range. */
  at: string;
  severity?: Severity;
  code: string;
  message?: string | RegExp;
  /** `line:col` of each related range (e.g. the first definition of a duplicate), in order. */
  related?: string[];
}

export interface RuleRun {
  diagnostics: Diagnostic[];
  /** Each diagnostic as `line:col severity CODE`. */
  lines: string[];
  text: string;
}

/** Parses `yaml` (failing the test if it does not parse) and runs `rule` alone over it. */
export function runRule(rule: Rule, yaml: string, baseDir = '.'): RuleRun {
  const parsed = parseYaml(TEST_FILE, yaml);
  if (!parsed.value) {
    throw new Error(`test YAML does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const diagnostics: Diagnostic[] = [];
  const ctx = createRuleContext(parsed.value.data as NetworkSpec, parsed.value, baseDir, diagnostics);
  rule(ctx);
  const lines = diagnostics.map((d) => `${where(yaml, d.ranges[0]?.start ?? 0)} ${d.severity} ${d.code}`);
  return { diagnostics, lines, text: yaml };
}

/**
 * Runs `rule` over `yaml` and asserts it reports exactly `expected`, in order.
 * Strings are `line:col severity CODE`; objects may also pin the message and the related locations.
 */
export function expectDiagnostics(
  rule: Rule,
  yaml: string,
  expected: readonly (string | ExpectedDiagnostic)[],
): RuleRun {
  const run = runRule(rule, yaml);
  expect(run.lines, describeRun(run)).toEqual(
    expected.map((e) => (typeof e === 'string' ? e : `${e.at} ${e.severity ?? 'error'} ${e.code}`)),
  );
  expected.forEach((e, index) => {
    if (typeof e === 'string') return;
    const actual = run.diagnostics[index]!;
    if (typeof e.message === 'string') expect(actual.message).toBe(e.message);
    else if (e.message) expect(actual.message).toMatch(e.message);
    if (e.related) expect(actual.ranges.slice(1).map((r) => where(yaml, r.start))).toEqual(e.related);
  });
  return run;
}

/** `line:col` of a character offset. */
export function where(text: string, offset: number): string {
  const { line, column } = positionOf(text, offset);
  return `${line}:${column}`;
}

/**
 * `line:col` of the `occurrence`-th (1-based) appearance of `needle` in `text`: lets a test say where a
 * finding belongs without counting lines by hand. A `^` in the needle marks the character meant
 * (`'port: ^7051'` is the value, not the key); without one, the needle's first character. Fails when absent.
 */
export function at(text: string, needle: string, occurrence = 1): string {
  const mark = Math.max(0, needle.indexOf('^'));
  const plain = needle.replace('^', '');
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(plain, offset + 1);
    if (offset < 0) throw new Error(`'${plain}' occurs fewer than ${occurrence} time(s) in the test YAML`);
  }
  return where(text, offset + mark);
}

function describeRun(run: RuleRun): string {
  if (run.diagnostics.length === 0) return 'the rule reported nothing';
  return run.diagnostics.map((d, i) => `${run.lines[i]} ${d.message}`).join('\n');
}
