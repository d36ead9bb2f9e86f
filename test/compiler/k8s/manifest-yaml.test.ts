// The fast manifest printer must print exactly what the `yaml` package prints: plans compare manifests with
// the last applied ones as text, so one stray quote would show every object as changed.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emitManifests, toYaml } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { locate } from '../../../src/compiler/parse/index.js';

const reference = (value: unknown) =>
  stringify(value, { lineWidth: 0, sortMapEntries: false, aliasDuplicateObjects: false });

describe('toYaml', () => {
  it.each(['supply-chain', 'quickstart'])('prints every object the %s example emits as yaml does', (network) => {
    const loaded = loadSpec(new URL(`../../../networks/${network}/network.yaml`, import.meta.url).pathname);
    const { model, parsed } = loaded.value!;
    const emitted = emitManifests(model, { locate: (path) => locate(parsed, path) });
    const objects = emitted.value!.flatMap((org) => org.objects);
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) expect(toYaml(object)).toBe(reference(object));
  });

  it.each([
    [
      'words, paths, URLs and images',
      { a: 'peer0', b: '/var/hyperledger/production', c: 'https://x.example:7054/path', d: 'ghcr.io/acme/asset:1.2' },
    ],
    [
      'text that reads as something else',
      { a: 'true', b: 'null', c: '7', d: '0x1F', e: '', f: '~', g: '1e3', h: 'yes', i: 'No' },
    ],
    [
      'text that needs quotes',
      {
        a: '- x',
        b: 'a: b',
        c: 'x #y',
        d: ' lead',
        e: 'trail ',
        f: '{"json":[1]}',
        g: "it's",
        h: '*',
        i: '@org',
        j: 'a:',
      },
    ],
    ['numbers, booleans and null', { a: 0, b: -5, c: 1.5, d: true, e: false, f: null, g: 2 ** 53 }],
    ['empty lists and maps', { a: [], b: {}, c: [{}], d: { e: {} } }],
    [
      'lists of maps of lists',
      { containers: [{ name: 'x', args: ['-b', '--data-path=/data'], env: [{ name: 'A', value: '1' }] }] },
    ],
    ['lists of lists', { a: [['x', 'y'], []] }],
    ['multi-line text', { data: { 'core.yaml': 'peer:\n  id: peer0\n', b: 'one\ntwo' } }],
    ['keys that need quotes', { 'a b': 1, '7': 2, true: 3, 'x:y': 4, 'app.kubernetes.io/name': 5 }],
    ['an empty object', {}],
  ])('matches yaml on %s', (_what, value) => {
    expect(toYaml(value)).toBe(reference(value));
  });
});
