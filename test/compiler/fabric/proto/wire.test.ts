// Deterministic encoding: fields in number order, proto3 defaults omitted, map entries sorted by key.
import { describe, expect, it } from 'vitest';
import { compareUtf8, decodeMessage, encodeMessage } from '../../../../src/compiler/fabric/proto/index.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('encodeMessage', () => {
  it('omits proto3 default values', () => {
    expect(hex(encodeMessage('common.ConfigGroup', { version: 0, mod_policy: '', groups: {}, values: {} }))).toBe('');
    expect(hex(encodeMessage('common.ConfigGroup', { version: 1, mod_policy: 'A' }))).toBe('08012a0141');
  });

  it('writes a oneof member even at its default (SignaturePolicy signed_by 0)', () => {
    expect(hex(encodeMessage('common.SignaturePolicy', { signed_by: 0 }))).toBe('0800');
  });

  it('orders map entries by key whatever the insertion order', () => {
    const a = encodeMessage('common.Capabilities', { capabilities: { V2_0: {}, V1_4_3: {}, V2_5: {} } });
    const b = encodeMessage('common.Capabilities', { capabilities: { V2_5: {}, V2_0: {}, V1_4_3: {} } });
    expect(hex(a)).toBe(hex(b));
    const keys = Object.keys(decodeMessage('common.Capabilities', a).capabilities as object);
    expect(keys).toEqual(['V1_4_3', 'V2_0', 'V2_5']);
  });

  it('sorts nested maps too (groups inside groups)', () => {
    const group = (names: string[]) => ({
      groups: Object.fromEntries(names.map((n) => [n, { values: { Z: { version: 1 }, A: { version: 2 } } }])),
    });
    expect(hex(encodeMessage('common.ConfigGroup', group(['b', 'a'])))).toBe(
      hex(encodeMessage('common.ConfigGroup', group(['a', 'b']))),
    );
  });
});

describe('compareUtf8', () => {
  it('orders by code point like Go orders UTF-8 bytes (not by UTF-16 unit)', () => {
    expect(['\u{1F600}', '\uFF5E', 'B', 'a'].sort(compareUtf8)).toEqual(['B', 'a', '\uFF5E', '\u{1F600}']);
  });
});
