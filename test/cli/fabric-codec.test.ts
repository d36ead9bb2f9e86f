// netspec decode / encode / compute-update as a user runs them: output, exit codes, and nothing written on failure.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const fixture = (name: string) => `test/fixtures/fabric/${name}`;
const scratch = () => mkdtempSync(join(tmpdir(), 'netspec-fabric-'));

describe('netspec decode', () => {
  it('prints the same JSON text as configtxlator proto_decode', async () => {
    const result = await runCliInProcess(['decode', '--type', 'common.ConfigUpdate', fixture('batchsize-update.pb')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(fixture('batchsize-update.json'), 'utf8'));
  });

  it('decodes a block to configtxlator JSON in --output', async () => {
    const out = join(scratch(), 'genesis.json');
    const result = await runCliInProcess([
      'decode',
      '--type',
      'common.Block',
      fixture('genesis.block'),
      '--output',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(fixture('genesis.json'), 'utf8')));
  });

  it('refuses truncated protobuf: exit 1, a clear message, no output file', async () => {
    const dir = scratch();
    const truncated = join(dir, 'truncated.block');
    writeFileSync(truncated, readFileSync(fixture('genesis.block')).subarray(0, 3000));
    const out = join(dir, 'out.json');
    const result = await runCliInProcess(['decode', '--type', 'common.Block', truncated, '--output', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error NS_FABRIC_PROTO_INVALID not a valid common.Block');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a wrong --type with a suggestion', async () => {
    const result = await runCliInProcess(['decode', '--type', 'common.Blok', fixture('genesis.block')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown message type 'common.Blok' (did you mean 'common.Block'?)");
    expect(result.stdout).toBe('');
  });

  it('refuses a missing file', async () => {
    const result = await runCliInProcess(['decode', '--type', 'common.Block', 'no/such.block']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('netspec: the input no/such.block does not exist\n');
  });
});

describe('netspec encode', () => {
  it('encodes configtxlator JSON to bytes that decode back to the same JSON', async () => {
    const out = join(scratch(), 'config.pb');
    expect(
      (await runCliInProcess(['encode', '--type', 'common.Config', fixture('config.json'), '--output', out])).code,
    ).toBe(0);
    const back = await runCliInProcess(['decode', '--type', 'common.Config', out]);
    expect(JSON.parse(back.stdout)).toEqual(JSON.parse(readFileSync(fixture('config.json'), 'utf8')));
  });

  it('refuses JSON with an unknown field, naming its path, and writes nothing', async () => {
    const dir = scratch();
    const json = JSON.parse(readFileSync(fixture('config.json'), 'utf8'));
    json.channel_group.groups.Orderer.values.BatchSize.value.max_mesage_count = 1;
    const input = join(dir, 'bad.json');
    writeFileSync(input, JSON.stringify(json));
    const out = join(dir, 'bad.pb');
    const result = await runCliInProcess(['encode', '--type', 'common.Config', input, '--output', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "NS_FABRIC_JSON_INVALID channel_group.groups.Orderer.values.BatchSize.value.max_mesage_count: unknown field 'max_mesage_count'",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses text that is not JSON', async () => {
    const input = join(scratch(), 'x.json');
    writeFileSync(input, '{ not json');
    const result = await runCliInProcess(['encode', '--type', 'common.Config', input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^netspec: .*x\.json is not valid JSON/);
  });
});

describe('netspec compute-update', () => {
  it('computes the same update as configtxlator compute_update', async () => {
    const out = join(scratch(), 'update.pb');
    const result = await runCliInProcess([
      'compute-update',
      '--channel-id',
      'mychannel',
      '--original',
      fixture('config.pb'),
      '--updated',
      fixture('updated-config.pb'),
      '--output',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const decoded = await runCliInProcess(['decode', '--type', 'common.ConfigUpdate', out]);
    expect(decoded.stdout).toBe(readFileSync(fixture('batchsize-update.json'), 'utf8'));
  });

  it('refuses when nothing differs, like configtxlator, and writes nothing', async () => {
    const out = join(scratch(), 'update.pb');
    const args = ['--original', fixture('config.pb'), '--updated', fixture('config.pb'), '--output', out];
    const result = await runCliInProcess(['compute-update', '--channel-id', 'mychannel', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NS_FABRIC_NO_CHANGES no differences detected between original and updated config');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not a config', async () => {
    const args = ['--original', fixture('genesis.json'), '--updated', fixture('config.pb')];
    const result = await runCliInProcess(['compute-update', '--channel-id', 'mychannel', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('test/fixtures/fabric/genesis.json:1:1 error NS_FABRIC_PROTO_INVALID');
  });
});
