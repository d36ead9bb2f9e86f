// Bad input is refused with a code and the path of the offending field, never thrown.
import { describe, expect, it } from 'vitest';
import { decode, encode, fromJson, type Json } from '../../../../src/compiler/fabric/index.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: tests edit configtxlator JSON freely
type Any = any;

function jsonError(edit: (config: Any) => void): [string, string] {
  const json = structuredClone(fixtureJson('config.json')) as Any;
  edit(json);
  const result = fromJson('common.Config', json as Json);
  expect(result.value).toBeUndefined();
  const [diagnostic] = result.diagnostics;
  return [diagnostic!.code, diagnostic!.message];
}

describe('JSON input errors', () => {
  it('names an unknown field with its full path and a suggestion', () => {
    expect(
      jsonError((c) => {
        c.channel_group.groups.Orderer.values.BatchSize.value.max_mesage_count = 10;
      }),
    ).toEqual([
      'NS_FABRIC_JSON_INVALID',
      "channel_group.groups.Orderer.values.BatchSize.value.max_mesage_count: unknown field 'max_mesage_count' in orderer.BatchSize (did you mean 'max_message_count'?)",
    ]);
  });

  it('refuses a config value the group kind does not define', () => {
    expect(
      jsonError((c) => {
        c.channel_group.groups.Application.values.BatchSize = { mod_policy: 'Admins', value: {}, version: '0' };
      }),
    ).toEqual([
      'NS_FABRIC_JSON_INVALID',
      "channel_group.groups.Application.values.BatchSize.value: unknown Application config value 'BatchSize' (expected one of Capabilities, ACLs)",
    ]);
  });

  it('refuses wrong value types, bad enums and out-of-range integers', () => {
    expect(
      jsonError((c) => {
        c.channel_group.groups.Orderer.values.BatchSize.value.max_message_count = 'many';
      })[1],
    ).toBe(
      'channel_group.groups.Orderer.values.BatchSize.value.max_message_count: expected an integer (uint32), got "many"',
    );
    expect(
      jsonError((c) => {
        c.channel_group.groups.Orderer.values.ConsensusType.value.state = 'STATE_MAINTAINANCE';
      })[1],
    ).toContain(
      'expected one of STATE_NORMAL, STATE_MAINTENANCE, got "STATE_MAINTAINANCE" (did you mean \'STATE_MAINTENANCE\'?)',
    );
    expect(
      jsonError((c) => {
        c.channel_group.groups.Orderer.values.BatchSize.value.max_message_count = 4294967296;
      })[1],
    ).toContain('4294967296 is out of range for uint32');
    expect(
      jsonError((c) => {
        c.channel_group.groups.Orderer.values.BatchSize.value = 'CgIKAA==';
      })[1],
    ).toBe(
      'channel_group.groups.Orderer.values.BatchSize.value: expected the expanded orderer.BatchSize object, got "CgIKAA=="',
    );
  });

  it('reads integers at the edges of their range, as numbers and as decimal strings', () => {
    const widthOf = (width: Json) => fromJson('common.BlockDataHashingStructure', { width });
    // Field 1, varint 0xffffffff: five bytes.
    for (const width of [4294967295, '4294967295'])
      expect(encode('common.BlockDataHashingStructure', widthOf(width).value!).value).toEqual(
        new Uint8Array([0x08, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      );
    for (const width of [-1, '-1', 4294967296, '4294967296'])
      expect(widthOf(width).diagnostics[0]?.message).toBe(`width: ${width} is out of range for uint32`);
    const nOf = (n: Json) => fromJson('common.SignaturePolicy.NOutOf', { n });
    // int32: a negative value is sign-extended to ten bytes, as Go writes it.
    expect(encode('common.SignaturePolicy.NOutOf', nOf('-2147483648').value!).value).toEqual(
      new Uint8Array([0x08, 0x80, 0x80, 0x80, 0x80, 0xf8, 0xff, 0xff, 0xff, 0xff, 0x01]),
    );
    expect(nOf(2147483648).diagnostics[0]?.message).toBe('n: 2147483648 is out of range for int32');
    expect(nOf(1.5).diagnostics[0]?.message).toBe('n: expected an integer (int32), got 1.5');
    const versionOf = (version: Json) => fromJson('common.ConfigGroup', { version });
    // uint64 beyond 2^53 takes the general path; a small one the quick one: both give the same Long.
    expect(String(versionOf('18446744073709551615').value!.version)).toBe('18446744073709551615');
    expect(String(versionOf(7).value!.version)).toBe('7');
    expect(versionOf('-1').diagnostics[0]?.message).toBe('version: -1 is out of range for uint64');
  });

  it('refuses a message type that does not exist, with a suggestion', () => {
    const result = fromJson('common.Confg', {});
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['NS_FABRIC_UNKNOWN_TYPE', "unknown message type 'common.Confg' (did you mean 'common.Config'?)"],
    ]);
  });
});

describe('binary input errors', () => {
  it('refuses truncated protobuf', () => {
    const result = decode('common.Block', fixtureBytes('genesis.block').slice(0, 5000));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]!.code).toBe('NS_FABRIC_PROTO_INVALID');
    expect(result.diagnostics[0]!.message).toMatch(
      /^not a valid common\.Block \(.+\): truncated or not this message type$/,
    );
  });

  it('refuses an unknown type before reading bytes', () => {
    expect(decode('common.Blok', fixtureBytes('genesis.block')).diagnostics[0]!.code).toBe('NS_FABRIC_UNKNOWN_TYPE');
  });
});
