// canonical: a config Fabric encoded, re-encoded value by value as netspec encodes its own, against the config
// configtxlator printed as JSON (the reference), and against the JSON round trip it replaces on recorded blocks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildChannelConfig,
  canonical,
  configFromBlock,
  decode,
  encode,
  fromJson,
  type ProtoMessage,
  toJson,
} from '../../../../src/compiler/fabric/index.js';
import { loadSpec } from '../../../../src/compiler/load-spec.js';
import { repoRoot } from '../../../helpers/run-cli.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';

function bytesOf(config: ProtoMessage): Buffer {
  const bytes = encode('common.Config', config);
  expect(bytes.diagnostics).toEqual([]);
  return Buffer.from(bytes.value!);
}

function canonicalOf(config: ProtoMessage): ProtoMessage {
  const result = canonical(config);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

describe('canonical', () => {
  it("gives the bytes of configtxlator's own JSON of the config, where Go's bytes differ in map order", () => {
    // config.json is this block's config as configtxlator printed it.
    const live = configFromBlock(fixtureBytes('genesis.block')).value!;
    const reference = bytesOf(fromJson('common.Config', fixtureJson('config.json')).value!);
    // The premise: re-encoding only the outer messages keeps Go's map order inside the values.
    expect(bytesOf(live).equals(reference)).toBe(false);
    expect(bytesOf(canonicalOf(live)).equals(reference)).toBe(true);
  });

  const blocks = join(repoRoot, 'test/fixtures/fabric-live/blocks');
  it.each(readdirSync(blocks))('matches the JSON round trip on a recorded config block (%s)', (file) => {
    const config = configFromBlock(new Uint8Array(readFileSync(join(blocks, file)))).value!;
    const roundTrip = fromJson('common.Config', toJson('common.Config', config).value!).value!;
    expect(bytesOf(canonicalOf(config)).equals(bytesOf(roundTrip))).toBe(true);
  });

  it('gives the same bytes when it keeps the items equal to ours, those that differ re-encoded', () => {
    const live = configFromBlock(fixtureBytes('genesis.block')).value!;
    const full = bytesOf(canonicalOf(live));
    const model = loadSpec(join(repoRoot, 'test/fixtures/fabric/sample-network.yaml')).value!.model;
    for (const change of [() => {}, () => (model.channels[0]!.orderer.batchSize.maxMessageCount = 7)]) {
      change();
      const ours = buildChannelConfig(model, 'mychannel').value!.message;
      const spared = canonical(live, { ours });
      expect(spared.diagnostics).toEqual([]);
      expect(bytesOf(spared.value!).equals(full)).toBe(true);
    }
  });

  it('drops a field the schema does not know, as the JSON round trip does', () => {
    const live = decode('common.Config', fixtureBytes('config.pb')).value!;
    const batchSize = bytesOf(canonicalOf(live));
    const values = (live.channel_group as ProtoMessage).groups as Record<string, ProtoMessage>;
    const orderer = values.Orderer!.values as Record<string, ProtoMessage>;
    // Field 99, varint 1: unknown to orderer.BatchSize.
    const withUnknown = Buffer.concat([
      Buffer.from(orderer.BatchSize!.value as Uint8Array),
      Buffer.from([0x98, 0x06, 1]),
    ]);
    orderer.BatchSize = { ...orderer.BatchSize, value: withUnknown };
    expect(bytesOf(canonicalOf(live)).equals(batchSize)).toBe(true);
  });

  it('says where a value does not decode', () => {
    const live = decode('common.Config', fixtureBytes('config.pb')).value!;
    const groups = (live.channel_group as ProtoMessage).groups as Record<string, ProtoMessage>;
    const orderer = groups.Orderer!.values as Record<string, ProtoMessage>;
    orderer.BatchSize = { ...orderer.BatchSize, value: Buffer.from([0x0a, 0x05, 1]) };
    const result = canonical(live, { source: 'state/fabric/mychannel.block' });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'NS_FABRIC_PROTO_INVALID' });
    expect(result.diagnostics[0]!.message).toContain('channel_group.groups.Orderer.values.BatchSize.value');
  });
});
