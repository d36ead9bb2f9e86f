// The quick reader must give the very data the source-mapping parser gives, and step aside whenever it might not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { quickData } from '../../../src/compiler/parse/fast-parse.js';
import { locate, parseYaml } from '../../../src/compiler/parse/index.js';

const careful = (text: string) => parseDocument(text, { uniqueKeys: true, strict: true }).toJS();

describe('quickData', () => {
  it.each(['supply-chain', 'quickstart'])('reads the %s example exactly as the careful parser does', (name) => {
    const text = readFileSync(new URL(`../../../networks/${name}/network.yaml`, import.meta.url), 'utf8');
    const data = quickData(text);
    expect(data).toBeDefined();
    expect(data).toEqual(careful(text));
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 5\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a binary number', 'a: 0b101\n'],
    ['a signed hex number', 'a: -0x1\n'],
    ['a fraction without a leading digit', 'a: -.5e-3\n'],
    ['an exponent too large for a double', 'a: 1e400\n'],
    ['a prototype key', '__proto__: {x: 1}\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a bare scalar', 'just text\n'],
    ['an empty text', ''],
  ])('leaves %s to the careful parser', (_what, text) => {
    expect(quickData(text)).toBeUndefined();
  });

  it('reads numbers, booleans, nulls and quoted text as YAML 1.2 does', () => {
    const text = 'a: 017\nb: 0x1F\nc: 0o17\nd: yes\ne: ~\nf: "7"\ng: 1e3\nh: .inf\ni: True\nj: 0b3fa1\nk: R&D\n';
    expect(quickData(text)).toEqual(careful(text));
  });
});

describe('parseYaml on a plain text', () => {
  it('still locates nodes, building the source map only when asked', () => {
    const text = 'name: demo\nchannels:\n  trade:\n    members: [a, b]\n';
    const parsed = parseYaml('spec.yaml', text).value!;
    expect(parsed.data).toEqual({ name: 'demo', channels: { trade: { members: ['a', 'b'] } } });
    const range = locate(parsed, ['channels', 'trade', 'members', 1]);
    expect(text.slice(range.start, range.end)).toBe('b');
  });
});
