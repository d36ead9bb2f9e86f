import { describe, expect, it } from 'vitest';
import { encode } from '../../../../src/compiler/fabric/index.js';
import { lengthDelimitedFields } from '../../../../src/compiler/fabric/proto/length-delimited-fields.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('lengthDelimitedFields', () => {
  it('finds every occurrence of a field in bytes the codec wrote, skipping varints and other fields', () => {
    // common.SignatureHeader{creator = 1, nonce = 2}; common.BlockHeader{number = 1 (varint), previous_hash = 2}.
    const header = encode('common.SignatureHeader', { creator: bytes('me'), nonce: bytes('n0') }).value!;
    expect(lengthDelimitedFields(header, 1)).toEqual([bytes('me')]);
    expect(lengthDelimitedFields(header, 2)).toEqual([bytes('n0')]);
    const block = encode('common.BlockHeader', { number: '300', previous_hash: bytes('p'), data_hash: bytes('d') })
      .value!;
    expect(lengthDelimitedFields(block, 2)).toEqual([bytes('p')]);
    expect(lengthDelimitedFields(block, 3)).toEqual([bytes('d')]);
    expect(lengthDelimitedFields(new Uint8Array([0x0a, 1, 0x61, 0x0a, 1, 0x62]), 1)).toEqual([bytes('a'), bytes('b')]);
  });

  it('refuses bytes cut short, an overlong varint and a group', () => {
    expect(lengthDelimitedFields(new Uint8Array([0x0a, 5, 0x61]), 1)).toBeUndefined();
    expect(lengthDelimitedFields(new Uint8Array([0x08, ...Array(10).fill(0xff), 0x01]), 1)).toBeUndefined();
    expect(lengthDelimitedFields(new Uint8Array([0x0b]), 1)).toBeUndefined();
  });
});
