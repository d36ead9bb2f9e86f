import { describe, expect, it } from 'vitest';
import { toDataPath, valueAt } from '../../../../src/compiler/validate/schema/instance-path.js';

describe('toDataPath', () => {
  const data = {
    connection: { endpoints: { 'acme/peer0': { url: 'x' } } },
    odd: { 'a~b': 1, '7': 'seven' },
    chaincodes: [{ name: 'a' }, { collections: [{ name: 'c' }] }],
  };

  it('unescapes ~1 to / and ~0 to ~', () => {
    expect(toDataPath('/connection/endpoints/acme~1peer0/url', data)).toEqual([
      'connection',
      'endpoints',
      'acme/peer0',
      'url',
    ]);
    expect(toDataPath('/odd/a~0b', data)).toEqual(['odd', 'a~b']);
    // ~01 is an escaped ~ followed by 1, not a /.
    expect(toDataPath('/odd/~01', data)).toEqual(['odd', '~1']);
  });

  it('makes numbers of array indexes only', () => {
    expect(toDataPath('/chaincodes/1/collections/0/name', data)).toEqual(['chaincodes', 1, 'collections', 0, 'name']);
    expect(toDataPath('/odd/7', data)).toEqual(['odd', '7']);
  });

  it('maps the empty pointer to the document', () => {
    expect(toDataPath('', data)).toEqual([]);
  });

  it('reads the value a path leads to, or nothing past the data', () => {
    expect(valueAt(data, ['chaincodes', 1, 'collections', 0, 'name'])).toBe('c');
    expect(valueAt(data, ['odd', '7'])).toBe('seven');
    expect(valueAt(data, ['chaincodes', 5, 'name'])).toBeUndefined();
  });
});
