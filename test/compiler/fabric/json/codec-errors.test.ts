// Bad input is refused with a code and the path of the offending field, never thrown.
import { describe, expect, it } from 'vitest';
import { decode, fromJson, type Json } from '../../../../src/compiler/fabric/index.js';
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
