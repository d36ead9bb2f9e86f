// The JSON codec against configtxlator's own output: decode must print exactly what proto_decode printed,
// and encode must read it back to bytes that decode to the same JSON.
import { describe, expect, it } from 'vitest';
import { decode, encode, fromJson, type Json, printJson, toJson } from '../../../../src/compiler/fabric/index.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';

function decodeToJson(type: string, bytes: Uint8Array): Json {
  const message = decode(type, bytes);
  expect(message.diagnostics).toEqual([]);
  const json = toJson(type, message.value!);
  expect(json.diagnostics).toEqual([]);
  return json.value!;
}

function encodeJson(type: string, json: Json): Uint8Array {
  const message = fromJson(type, json);
  expect(message.diagnostics).toEqual([]);
  return encode(type, message.value!).value!;
}

describe('decode matches configtxlator proto_decode', () => {
  it.each([
    ['common.Block', 'genesis.block', 'genesis.json'],
    ['common.Config', 'config.pb', 'config.json'],
    ['common.Config', 'updated-config.pb', 'updated-config.json'],
    ['common.ConfigUpdate', 'batchsize-update.pb', 'batchsize-update.json'],
  ])('%s %s deep-equals %s', (type, pb, json) => {
    expect(decodeToJson(type, fixtureBytes(pb))).toEqual(fixtureJson(json));
  });

  it('prints what configtxlator prints: tabs, sorted keys, uint64 as strings, null for empty bytes', () => {
    const text = printJson(decodeToJson('common.ConfigUpdate', fixtureBytes('batchsize-update.pb')));
    expect(text).toBe(
      `${JSON.stringify(fixtureJson('batchsize-update.json'), Object.keys(flatKeys(fixtureJson('batchsize-update.json'))).sort(), '\t')}\n`,
    );
    const block = printJson(decodeToJson('common.Block', fixtureBytes('genesis.block')));
    expect(block).toContain('\t\t"previous_hash": null');
    expect(block).toContain('"number": "0"');
    expect(block).toMatch(/"state": "STATE_NORMAL"/);
  });
});

/** Every key used anywhere in a JSON value: JSON.stringify with a sorted allow-list prints keys sorted. */
function flatKeys(json: Json, into: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(json)) for (const item of json) flatKeys(item, into);
  else if (json && typeof json === 'object')
    for (const [key, value] of Object.entries(json)) {
      into[key] = true;
      flatKeys(value, into);
    }
  return into;
}

describe('encode matches configtxlator proto_encode', () => {
  it.each([
    ['common.Block', 'genesis.json'],
    ['common.Config', 'config.json'],
    ['common.ConfigUpdate', 'batchsize-update.json'],
  ])('%s from %s round-trips through bytes', (type, json) => {
    const bytes = encodeJson(type, fixtureJson(json));
    expect(decodeToJson(type, bytes)).toEqual(fixtureJson(json));
  });

  it('gives bytes of the same length as configtxlator (they differ only in map order)', () => {
    const ours = encodeJson('common.Config', fixtureJson('config.json'));
    expect(ours.length).toBe(fixtureBytes('config.pb').length);
    expect(ours.length).toBe(16028);
  });

  it('is deterministic: the same JSON twice, or with keys in another order, gives the same bytes', () => {
    const json = fixtureJson('config.json') as Record<string, Json>;
    const first = encodeJson('common.Config', json);
    expect(Buffer.from(encodeJson('common.Config', json)).equals(Buffer.from(first))).toBe(true);
    const reversed = reverseKeys(json);
    expect(Object.keys((reversed as Record<string, Json>).channel_group as object)[0]).toBe('version');
    expect(Buffer.from(encodeJson('common.Config', reversed)).equals(Buffer.from(first))).toBe(true);
  });

  it('re-encoding configtxlator bytes gives our canonical bytes (maps sorted), stable on a second pass', () => {
    const config = decode('common.Config', fixtureBytes('config.pb')).value!;
    const once = encode('common.Config', config).value!;
    const twice = encode('common.Config', decode('common.Config', once).value!).value!;
    expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
    expect(decodeToJson('common.Config', once)).toEqual(fixtureJson('config.json'));
  });
});

function reverseKeys(json: Json): Json {
  if (Array.isArray(json)) return json.map(reverseKeys);
  if (json && typeof json === 'object')
    return Object.fromEntries(
      Object.keys(json)
        .reverse()
        .map((key) => [key, reverseKeys(json[key] as Json)]),
    );
  return json;
}

describe('printJson', () => {
  it('escapes HTML characters like Go and sorts integer-like keys as strings', () => {
    expect(printJson({ b: '<a&b>', a: [] })).toBe('{\n\t"a": [],\n\t"b": "\\u003ca\\u0026b\\u003e"\n}\n');
    expect(printJson({ x: { '10': 1, '2': {}, a: null } })).toBe(
      '{\n\t"x": {\n\t\t"10": 1,\n\t\t"2": {},\n\t\t"a": null\n\t}\n}\n',
    );
  });
});
