// A finding's positions are located when the diagnostic's ranges are first read: a caller that never shows a
// warning (verify does not show the spec's) never builds the source map of a spec read the quick way.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/compiler/diagnostics/index.js';
import type { NetworkSpec } from '../../../src/compiler/model/spec.js';
import { locate, type ParsedSpec, parseYaml } from '../../../src/compiler/parse/index.js';
import { createRuleContext } from '../../../src/compiler/validate/rule-context.js';

const TEXT = 'apiVersion: netspec/v1\nname: demo\nchannels:\n  trade:\n    members: [a, b]\n';

/** The spec read the quick way, with a count of how often its source map is asked for. */
function quicklyParsed(): { parsed: ParsedSpec; sourceMapReads: () => number } {
  const parsed = parseYaml('network.yaml', TEXT).value!;
  let reads = 0;
  const counted = Object.create(parsed) as ParsedSpec;
  Object.defineProperty(counted, 'document', {
    get() {
      reads++;
      return parsed.document;
    },
  });
  return { parsed: counted, sourceMapReads: () => reads };
}

describe('createRuleContext', () => {
  it('locates a finding only when its ranges are read, and once', () => {
    const { parsed, sourceMapReads } = quicklyParsed();
    const sink: Diagnostic[] = [];
    const context = createRuleContext(parsed.data as NetworkSpec, parsed, '.', sink);
    context.report({
      code: 'NS_UNKNOWN_ORG',
      severity: 'warning',
      message: 'b is no organization',
      at: [
        ['channels', 'trade', 'members', 1],
        ['channels', 'trade'],
      ],
    });
    expect(sink).toHaveLength(1);
    expect(sourceMapReads()).toBe(0);

    const ranges = sink[0]!.ranges;
    expect(ranges).toEqual([
      locate(parsed, ['channels', 'trade', 'members', 1]),
      locate(parsed, ['channels', 'trade']),
    ]);
    expect(TEXT.slice(ranges[0]!.start, ranges[0]!.end)).toBe('b');
    const reads = sourceMapReads();
    expect(sink[0]!.ranges).toBe(ranges);
    expect(sourceMapReads()).toBe(reads);
  });

  it('gives the located ranges to a copy and to JSON, as plain data', () => {
    const { parsed } = quicklyParsed();
    const sink: Diagnostic[] = [];
    createRuleContext(parsed.data as NetworkSpec, parsed, '.', sink).report({
      code: 'NS_UNKNOWN_ORG',
      message: 'b is no organization',
      at: ['channels', 'trade', 'members', 1],
    });
    const located = locate(parsed, ['channels', 'trade', 'members', 1]);
    expect({ ...sink[0]! }.ranges).toEqual([located]);
    expect(JSON.parse(JSON.stringify(sink[0]))).toEqual({
      code: 'NS_UNKNOWN_ORG',
      severity: 'error',
      message: 'b is no organization',
      ranges: [located],
    });
  });
});
