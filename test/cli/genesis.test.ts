import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('netspec genesis', () => {
  it('writes the channel genesis block, reproducibly with SOURCE_DATE_EPOCH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-genesis-'));
    const env = { SOURCE_DATE_EPOCH: '1790000000' };
    const args = ['genesis', 'networks/supply-chain/network.yaml', '--channel', 'production'];
    expect((await runCliInProcess([...args, '--output', join(dir, 'a.block')], { env })).code).toBe(0);
    expect((await runCliInProcess([...args, '--output', join(dir, 'b.block')], { env })).code).toBe(0);
    expect(readFileSync(join(dir, 'a.block'))).toEqual(readFileSync(join(dir, 'b.block')));
    const decoded = await runCliInProcess(['decode', '--type', 'common.Block', join(dir, 'a.block')]);
    expect(decoded.code).toBe(0);
    const block = JSON.parse(decoded.stdout);
    const header = block.data.data[0].payload.header.channel_header;
    expect(header).toMatchObject({ channel_id: 'production', type: 1, timestamp: '2026-09-21T14:13:20Z' });
    const groups = block.data.data[0].payload.data.config.channel_group.groups;
    expect(Object.keys(groups.Application.groups).sort()).toEqual(['DistributorMSP', 'ManufacturerMSP']);
    expect(Object.keys(groups.Orderer.groups)).toEqual(['OperatorMSP']);
    expect(groups.Orderer.values.ConsensusType.value.metadata.consenters).toHaveLength(3);
  });

  it('refuses an unknown channel with exit 1 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-genesis-'));
    const result = await runCliInProcess([
      'genesis',
      'networks/supply-chain/network.yaml',
      '--channel',
      'nope',
      '--output',
      join(dir, 'x.block'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no channel 'nope'");
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, in genesis and plan alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-genesis-'));
    const env = { SOURCE_DATE_EPOCH: 'yesterday' };
    const genesis = await runCliInProcess(
      ['genesis', 'networks/supply-chain/network.yaml', '--channel', 'production', '--output', join(dir, 'x.block')],
      { env },
    );
    const plan = await runCliInProcess(['plan', 'networks/supply-chain/network.yaml', '--out', join(dir, 'bundle')], {
      env,
    });
    for (const result of [genesis, plan]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'yesterday'");
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an invalid spec with its diagnostics', async () => {
    const result = await runCliInProcess([
      'genesis',
      'networks/none/network.yaml',
      '--channel',
      'x',
      '--output',
      '/tmp/never.block',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NS_FILE_NOT_FOUND');
  });
});
