// The codec against Fabric 3.1.5's configtxgen/configtxlator output for a SmartBFT channel
// (test/fixtures/fabric3/README.md): the Orderers value and the BFT ConsensusType metadata decode inline, as
// configtxlator prints them, and encode back to bytes that decode the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, encode, fromJson, type Json, toJson } from '../../../../src/compiler/fabric/index.js';

const dir = new URL('../../../fixtures/fabric3/', import.meta.url);
const blockBytes = new Uint8Array(readFileSync(new URL('genesis.block', dir)));
const blockJson = JSON.parse(readFileSync(new URL('genesis.json', dir), 'utf8')) as Json;

// biome-ignore lint/suspicious/noExplicitAny: tests walk decoded JSON by known paths
function decodeToJson(type: string, bytes: Uint8Array): any {
  const message = decode(type, bytes);
  expect(message.diagnostics).toEqual([]);
  const json = toJson(type, message.value!);
  expect(json.diagnostics).toEqual([]);
  return json.value!;
}

// configtxlator 3.x prints an empty plain bytes field as "" where 2.5 printed null (its JSON printer changed);
// netspec prints 2.5's form. Both read back to the same bytes, so the comparison treats the two as one.
function emptyBytesAsNull(json: Json): Json {
  if (json === '') return null;
  if (Array.isArray(json)) return json.map(emptyBytesAsNull);
  if (json && typeof json === 'object')
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, emptyBytesAsNull(value)]));
  return json;
}

const configOf = (block: any): Json => block.data.data[0].payload.data.config;

describe('Fabric 3 BFT genesis block', () => {
  it('decodes to the config configtxlator proto_decode printed, exactly', () => {
    expect(configOf(decodeToJson('common.Block', blockBytes))).toEqual(configOf(blockJson));
  });

  it('decodes to the block configtxlator printed, but for its "" for empty bytes', () => {
    expect(emptyBytesAsNull(decodeToJson('common.Block', blockBytes))).toEqual(emptyBytesAsNull(blockJson));
  });

  it('reads the consenter mapping and the SmartBFT options as messages, not bytes', () => {
    const orderer = decodeToJson('common.Block', blockBytes).data.data[0].payload.data.config.channel_group.groups
      .Orderer.values;
    expect(orderer.ConsensusType.value.type).toBe('BFT');
    expect(orderer.ConsensusType.value.metadata.leader_rotation).toBe('ROTATION_UNSPECIFIED');
    expect(orderer.ConsensusType.value.metadata.request_pool_size).toBe('100000');
    expect(orderer.ConsensusType.value.metadata.leader_heartbeat_timeout).toBe('1m0s');
    const mapping = orderer.Orderers.value.consenter_mapping;
    expect(mapping.map((c: any) => [c.id, c.host, c.port, c.msp_id])).toEqual([
      [1, 'bft0.example.com', 7050, 'OrdererOrg1'],
      [2, 'bft1.example.com', 7050, 'OrdererOrg2'],
      [3, 'bft2.example.com', 7050, 'OrdererOrg3'],
      [4, 'bft3.example.com', 7050, 'OrdererOrg4'],
    ]);
    expect(Buffer.from(mapping[0].identity, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('encodes the JSON back to bytes that decode to the same JSON', () => {
    const message = fromJson('common.Block', blockJson);
    expect(message.diagnostics).toEqual([]);
    const bytes = encode('common.Block', message.value!).value!;
    expect(decodeToJson('common.Block', bytes)).toEqual(decodeToJson('common.Block', blockBytes));
    // Same size, not same bytes: Go writes map entries in random order, netspec in sorted order.
    expect(bytes.length).toBe(blockBytes.length);
  });
});
