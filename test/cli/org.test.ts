import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const retailer = join(repoRoot, 'networks/supply-chain/crypto/retailer');

describe('netspec org export', () => {
  it('writes organization.yaml and msp/ and says what it skipped', async () => {
    const work = mkdtempSync(join(tmpdir(), 'netspec-org-cli-'));
    cpSync(join(retailer, 'msp'), join(work, 'msp'), { recursive: true });
    cpSync(join(retailer, 'ca'), join(work, 'msp/keystore'), { recursive: true });
    const out = join(work, 'proposal');
    const result = await runCli([
      'org',
      'export',
      '--msp-dir',
      join(work, 'msp'),
      '--msp-id',
      'CarolMSP',
      '--name',
      'carol',
      '--domain',
      'carol.example.com',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('netspec: skipped keystore/: identity material (private keys)');
    expect(result.stderr + result.stdout).not.toContain('PRIVATE KEY');
    expect(readdirSync(out).sort()).toEqual(['msp', 'organization.yaml']);
    expect(existsSync(join(out, 'msp/keystore'))).toBe(false);
    expect(readFileSync(join(out, 'organization.yaml'), 'utf8')).toContain(
      'carol:\n  mspId: CarolMSP\n  domain: carol.example.com\n',
    );
  });

  it('exits 1 with diagnostics and writes nothing for a bad MSP folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'netspec-org-cli-'));
    cpSync(join(retailer, 'msp'), join(work, 'msp'), { recursive: true });
    writeFileSync(join(work, 'msp/cacerts/ca.retailer.supply.example.com-cert.pem'), 'not a certificate');
    const out = join(work, 'proposal');
    const result = await runCli([
      'org',
      'export',
      '--msp-dir',
      join(work, 'msp'),
      '--msp-id',
      'RetailerMSP',
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error NS_CERT_INVALID cacerts/ca.retailer.supply.example.com-cert.pem holds no PEM CERTIFICATE block',
    );
    expect(existsSync(out)).toBe(false);
  });
});
