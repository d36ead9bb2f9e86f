// `netspec connection-profile` through the binary: YAML by default, JSON on request, --output written
// atomically, an org not in the channel refused in one line with exit 1.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const SPEC = 'networks/supply-chain/network.yaml';

describe('netspec connection-profile', () => {
  it('prints the org’s profile as YAML, and the same profile as JSON', async () => {
    const yaml = await runCliInProcess(['connection-profile', SPEC, 'distributor']);
    expect(yaml.stderr).toBe('');
    expect(yaml.code).toBe(0);
    const profile = parse(yaml.stdout);
    expect(profile.client.organization).toBe('DistributorMSP');
    expect(Object.keys(profile.peers)).toEqual(['peer0.distributor.supply.example.com']);
    expect(Object.keys(profile.channels)).toEqual(['production', 'distribution']);
    const json = await runCliInProcess(['connection-profile', SPEC, 'distributor', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(profile);
  });

  it('narrows to one channel and writes --output', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-ccp-')), 'ccp.json');
    const result = await runCliInProcess([
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

  it('refuses a channel the org is not in', async () => {
    const result = await runCliInProcess(['connection-profile', SPEC, 'retailer', '--channel', 'production']);
    expect(result.stderr).toBe(
      "netspec: organization 'retailer' is not in channel 'production' (its channels: distribution)\n",
    );
    expect(result.code).toBe(1);
  });

  it('keys peers by name (two on one host stay two) and lists only the CA the spec defines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-ccp-'));
    cpSync(join(repoRoot, 'networks', 'supply-chain', 'crypto'), join(dir, 'crypto'), { recursive: true });
    const text = readFileSync(join(repoRoot, SPEC), 'utf8')
      .replace(
        '      - name: peer0\n        anchor: true\n        stateDatabase: couchdb',
        '      - name: peer0\n        host: 127.0.0.1\n        port: 7051\n        anchor: true\n        stateDatabase: couchdb',
      )
      .replace(
        '      - name: peer1\n        stateDatabase: couchdb',
        '      - name: peer1\n        host: 127.0.0.1\n        port: 8051\n        stateDatabase: couchdb',
      )
      .replace('    ca:\n      port: 7054\n', '');
    writeFileSync(join(dir, 'network.yaml'), text);
    const result = await runCliInProcess([
      'connection-profile',
      join(dir, 'network.yaml'),
      'manufacturer',
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const profile = JSON.parse(result.stdout);
    expect(Object.keys(profile.peers)).toEqual([
      'peer0.manufacturer.supply.example.com',
      'peer1.manufacturer.supply.example.com',
    ]);
    expect(Object.values(profile.peers).map((p) => (p as { url: string }).url)).toEqual([
      'grpcs://127.0.0.1:7051',
      'grpcs://127.0.0.1:8051',
    ]);
    expect(Object.keys(profile.channels.production.peers)).toEqual(Object.keys(profile.peers));
    expect(profile.organizations.ManufacturerMSP.certificateAuthorities).toEqual([]);
    expect(profile.certificateAuthorities).toEqual({});
  });
});
