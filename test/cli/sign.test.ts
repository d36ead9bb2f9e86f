// `netspec sign` and `netspec verify` on a bundle, through the built binary: exit codes 0 / 2 / 1, the report
// formats, refusals, and the private key never echoed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/governance/index.js';
import { adminFiles, type Org, writeExampleBundle } from '../governance/_fixtures.js';
import { runCli } from '../helpers/run-cli.js';

function signArgs(bundle: string, org: Org): string[] {
  const files = adminFiles(org);
  return ['sign', bundle, '--msp-id', files.mspId, '--cert', files.certFile, '--key', files.keyFile];
}

describe('netspec sign <bundle> / netspec verify <bundle>', () => {
  it('signs, then verify waits (exit 2) until every policy is satisfied (exit 0)', () => {
    const bundle = writeExampleBundle();
    const first = runCli(signArgs(bundle, 'distributor'));
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Signed signatures/distribution/DistributorMSP.json\n');
    expect(first.code).toBe(0);

    const waiting = runCli(['verify', bundle]);
    expect(waiting.code).toBe(2);
    expect(waiting.stdout).toContain('distribution: waiting');
    expect(waiting.stdout).toContain('1 of 2: waiting for ManufacturerMSP');
    expect(waiting.stdout).toContain('valid   signatures/distribution/DistributorMSP.json (DistributorMSP)');

    expect(runCli(signArgs(bundle, 'manufacturer')).code).toBe(0);
    expect(runCli(signArgs(bundle, 'operator')).code).toBe(0);
    const done = runCli(['verify', bundle, '--format', 'json']);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as VerifyReport;
    expect(report.status).toBe('satisfied');
    expect(report.updates.map((u) => [u.channel, u.status, u.requirements.map((r) => r.signedBy)])).toEqual([
      ['production', 'satisfied', [['OperatorMSP']]],
      ['distribution', 'satisfied', [['DistributorMSP', 'ManufacturerMSP']]],
    ]);
    const markdown = runCli(['verify', bundle, '--format', 'markdown']);
    expect(markdown.stdout).toContain('## Signatures: satisfied');
    expect(markdown.stdout).toContain('| `/Channel/Application/Admins` |');
  });

  it('never prints the private key', () => {
    const bundle = writeExampleBundle();
    const key = readFileSync(adminFiles('distributor').keyFile, 'utf8');
    const body = key.split('\n')[1]!;
    const result = runCli(signArgs(bundle, 'distributor'));
    const signature = readFileSync(join(bundle, 'signatures/distribution/DistributorMSP.json'), 'utf8');
    for (const text of [result.stdout, result.stderr, signature]) {
      expect(text).not.toContain(body);
      expect(text).not.toContain('PRIVATE KEY');
    }
  });

  it('refuses a key that is not the certificate key, and a certificate of another org', () => {
    const bundle = writeExampleBundle();
    const distributor = adminFiles('distributor');
    const wrongKey = runCli([
      'sign',
      bundle,
      '--msp-id',
      'DistributorMSP',
      '--cert',
      distributor.certFile,
      '--key',
      adminFiles('manufacturer').keyFile,
    ]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toBe(
      `netspec: ${adminFiles('manufacturer').keyFile} is not the private key of the certificate ${distributor.certFile}\n`,
    );
    const manufacturer = adminFiles('manufacturer');
    const otherOrg = runCli([
      'sign',
      bundle,
      '--msp-id',
      'DistributorMSP',
      '--cert',
      manufacturer.certFile,
      '--key',
      manufacturer.keyFile,
    ]);
    expect(otherOrg.code).toBe(1);
    expect(otherOrg.stderr).toContain("does not chain to DistributorMSP's CA in the current channel config");
    expect(runCli(['verify', bundle]).stdout).toContain('no signatures yet');
  });

  it('verify exits 1 for a tampered bundle and names the problem', () => {
    const bundle = writeExampleBundle();
    const file = join(bundle, 'fabric/production/update.pb');
    const bytes = readFileSync(file);
    bytes[5] = (bytes[5] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const result = runCli(['verify', bundle]);
    expect(result.code).toBe(1);
    // Printed as validate prints a finding: the file, the severity, the code a script matches, the message.
    expect(result.stdout).toContain(
      `${file}:1:1 error NS_BUNDLE_TAMPERED fabric/production/update.pb differs from the SHA-256 plan.json lists (tampered?)`,
    );
    const json = JSON.parse(runCli(['verify', bundle, '--format', 'json']).stdout);
    expect(json.problems).toEqual([
      {
        code: 'NS_BUNDLE_TAMPERED',
        severity: 'error',
        message: 'fabric/production/update.pb differs from the SHA-256 plan.json lists (tampered?)',
        file,
      },
    ]);
    expect(result.stdout).toContain('Verdict: invalid');
  });

  it('verify exits 1 for a folder that is not a bundle', () => {
    const result = runCli(['verify', '/nonexistent-bundle']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the bundle /nonexistent-bundle does not exist');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
