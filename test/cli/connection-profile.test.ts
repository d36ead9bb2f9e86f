// `netspec connection-profile` through the binary: YAML by default, JSON on request, --output written
// atomically, an org not in the channel refused in one line with exit 1.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

const SPEC = 'networks/supply-chain/network.yaml';

describe('netspec connection-profile', () => {
  it('prints the org’s profile as YAML, and the same profile as JSON', () => {
    const yaml = runCli(['connection-profile', SPEC, 'distributor']);
    expect(yaml.stderr).toBe('');
    expect(yaml.code).toBe(0);
    const profile = parse(yaml.stdout);
    expect(profile.client.organization).toBe('DistributorMSP');
    expect(Object.keys(profile.peers)).toEqual(['peer0.distributor.supply.example.com']);
    expect(Object.keys(profile.channels)).toEqual(['production', 'distribution']);
    const json = runCli(['connection-profile', SPEC, 'distributor', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(profile);
  });

  it('narrows to one channel and writes --output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-ccp-')), 'ccp.json');
    const result = runCli([
      'connection-profile',
      SPEC,
      'retailer',
      '--channel',
      'distribution',
      '--format',
      'json',
      '--output',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')).channels)).toEqual(['distribution']);
  });

  it('refuses a channel the org is not in', () => {
    const result = runCli(['connection-profile', SPEC, 'retailer', '--channel', 'production']);
    expect(result.stderr).toBe(
      "netspec: organization 'retailer' is not in channel 'production' (its channels: distribution)\n",
    );
    expect(result.code).toBe(1);
  });
});
