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

  it.each(['supply-chain', 'quickstart', 'bft-example'])(
    'locates every node of the %s example where the careful parse does',
    (name) => {
      const text = readFileSync(new URL(`../../../networks/${name}/network.yaml`, import.meta.url), 'utf8');
      const quick = parseYaml('network.yaml', text).value!;
      // An anchor sign in a trailing comment sends the same text the careful way; nothing before it moves.
      const careful = parseYaml('network.yaml', `${text}\n# &careful\n`).value!;
      expect(Object.getOwnPropertyDescriptor(careful, 'document')?.get).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(quick, 'document')?.get).toBeDefined();
      const paths = pathsIn(quick.data);
      expect(paths.length).toBeGreaterThan(50);
      for (const path of paths)
        for (const target of ['value', 'key'] as const)
          expect(locate(quick, path, target), `${path.join('.')} (${target})`).toEqual(locate(careful, path, target));
    },
  );
});

/** Every path to a node in plain data. */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const below = Array.isArray(value)
    ? value.flatMap((item, index) => pathsIn(item, [...path, index]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...path, key]))
      : [];
  return [path, ...below];
}
