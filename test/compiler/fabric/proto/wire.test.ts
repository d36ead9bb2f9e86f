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
  it('gives each result bytes of its own, though the writers share their scratch space', () => {
    const first = encodeMessage('common.ConfigGroup', { version: 1, mod_policy: 'Admins' });
    const big = encodeMessage('common.ConfigGroup', { mod_policy: 'x'.repeat(10000) });
    expect(() => encodeMessage('common.ConfigGroup', { mod_policy: 7 } as never)).toThrow();
    const second = encodeMessage('common.ConfigGroup', { version: 2, mod_policy: 'Readers' });
    expect(hex(first)).toBe('08012a0641646d696e73');
    expect(hex(second)).toBe('08022a0752656164657273');
    expect(big.length).toBe(10003);
    expect(first.buffer).not.toBe(second.buffer);
    expect([first.byteLength, first.buffer.byteLength]).toEqual([10, 10]);
  });
});

describe('compareUtf8', () => {
  it('orders by code point like Go orders UTF-8 bytes (not by UTF-16 unit)', () => {
    expect(['\u{1F600}', '\uFF5E', 'B', 'a'].sort(compareUtf8)).toEqual(['B', 'a', '\uFF5E', '\u{1F600}']);
  });
});

describe('the wire format, case by case', () => {
  const roundTrip = (type: string, bytesHex: string) =>
    hex(encodeMessage(type, decodeMessage(type, Buffer.from(bytesHex, 'hex'))));

  it('writes negative int32 as ten sign-extended bytes, as Go does', () => {
    // common.SignaturePolicy.NOutOf n = -1
    expect(hex(encodeMessage('common.SignaturePolicy.NOutOf', { n: -1 }))).toBe('08ffffffffffffffffff01');
    expect(decodeMessage('common.SignaturePolicy.NOutOf', Buffer.from('08ffffffffffffffffff01', 'hex')).n).toBe(-1);
  });

  it('keeps every bit of uint64 values, from Long, string, number or bigint', () => {
    const max = '18446744073709551615';
    for (const version of [max, BigInt(max)]) {
      const bytes = encodeMessage('common.ConfigGroup', { version });
      expect(hex(bytes)).toBe('08ffffffffffffffffff01');
      expect(String(decodeMessage('common.ConfigGroup', bytes).version)).toBe(max);
    }
    expect(hex(encodeMessage('common.ConfigGroup', { version: 300 }))).toBe('08ac02');
  });

  it('reads defaults through the prototype, not as own fields', () => {
    const group = decodeMessage('common.ConfigGroup', new Uint8Array());
    expect(String(group.version)).toBe('0');
    expect(group.mod_policy).toBe('');
    expect(Object.keys(group).sort()).toEqual(['groups', 'policies', 'values']);
  });

  it('keeps fields it does not know and writes them back last', () => {
    // mod_policy "A", then unknown field 15 (varint 7), then version 1: re-encoded in number order, unknown last.
    expect(roundTrip('common.ConfigGroup', '2a0141780708 01'.replace(/ /g, ''))).toBe('08012a01417807');
  });

  it('keeps a known field with the wrong wire type as unknown rather than misreading it', () => {
    // field 1 (version, a varint) sent as a 4-byte fixed32
    expect(roundTrip('common.ConfigGroup', '0d01020304')).toBe('0d01020304');
    expect(String(decodeMessage('common.ConfigGroup', Buffer.from('0d01020304', 'hex')).version)).toBe('0');
  });

  it('reads map entries whose message value is absent as empty messages', () => {
    // capabilities { key: "V2_0" } with no value
    const decoded = decodeMessage('common.Capabilities', Buffer.from('0a060a0456325f30', 'hex'));
    expect(Object.keys(decoded.capabilities as object)).toEqual(['V2_0']);
    expect(hex(encodeMessage('common.Capabilities', decoded))).toBe('0a080a0456325f301200');
  });

  it('returns bytes as views of the input, not copies', () => {
    const input = Buffer.from('0a03616263', 'hex'); // common.Envelope payload "abc"
    const payload = decodeMessage('common.Envelope', input).payload as Uint8Array;
    expect(Buffer.from(payload).toString()).toBe('abc');
    expect(payload.buffer).toBe(input.buffer);
  });

  it.each([
    ['a length past the end', '0a05616263'],
    ['a varint cut short', '0880'],
    ['an invalid wire type', '0f'],
    ['field number 0', '0001'],
  ])('refuses %s, saying where', (_what, bytesHex) => {
    expect(() => decodeMessage('common.Envelope', Buffer.from(bytesHex, 'hex'))).toThrow(
      /^not a valid common\.Envelope \(.*(byte|field).*\): truncated or not this message type$/,
    );
  });

  it('names the field path of a value of the wrong kind', () => {
    expect(() => encodeMessage('common.ConfigGroup', { groups: { Orderer: { mod_policy: 7 } } } as never)).toThrow(
      'groups.Orderer.mod_policy: expected text, got number',
    );
  });
});
