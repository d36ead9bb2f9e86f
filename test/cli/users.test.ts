// `netspec apply --users` through the real binary against a local HTTPS Fabric CA (token auth verified, real
// certificates): identities written only under --enroll-out with 0600 keys, nothing secret on stdout,
// existing users left alone, a bad attribute one failed line with exit 1, git working trees refused.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeFabricCa, startFakeFabricCa } from '../apply/fabric-ca/_fake-fabric-ca.js';
import { copySupplyChain, manufacturerMaterial, withManufacturerCa } from '../apply/fabric-ca/_supply-chain-copy.js';
import { repoRoot, runCliAsync as runCli } from '../helpers/run-cli.js';

const material = manufacturerMaterial();
const ADMIN_ENV = {
  NETSPEC_MANUFACTURER_ADMIN_CERT: material.adminCertPem,
  NETSPEC_MANUFACTURER_ADMIN_KEY: material.adminKeyPem,
};

const USERS = `    users:
      - name: factory-app
        type: client
        attributes:
          department: production
          plant: detroit
      - name: legacy-app
      - name: bad-app
        attributes:
          hf.Revoker: "true"
      - name: ops-admin
        type: admin
`;

let fake: FakeFabricCa | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const startCa = () =>
  startFakeFabricCa({
    caName: 'ca-manufacturer',
    caCertPem: material.caCertPem,
    caKeyPem: material.caKeyPem,
    tlsCaCertPem: material.tlsCaCertPem,
    tlsCaKeyPem: material.tlsCaKeyPem,
    registrarCertPem: material.adminCertPem,
    existing: ['legacy-app'],
  });

const runCliAsync = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { CI: 'true', ...env } });

describe('netspec apply --users', () => {
  it('registers and enrolls, leaves the existing user, reports the bad attribute, exits 1', async () => {
    fake = await startCa();
    const spec = copySupplyChain(withManufacturerCa(fake.port, USERS));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const result = await runCliAsync(
      ['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out],
      ADMIN_ENV,
    );

    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => [e.event, e.user])).toEqual([
      ['enrolled', 'factory-app'],
      ['exists', 'legacy-app'],
      ['failed', 'bad-app'],
      ['enrolled', 'ops-admin'],
    ]);
    expect(events[2].message).toContain("attribute 'hf.Revoker' is reserved by Fabric CA");
    expect(result.stderr).toBe('manufacturer: 2 enrolled, 1 already registered, 1 failed\n');
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);

    const msp = join(out, 'manufacturer', 'factory-app', 'msp');
    expect(events[0].path).toBe(msp);
    expect(statSync(join(msp, 'keystore', 'priv_sk')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(msp, 'keystore', 'priv_sk'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(readFileSync(join(msp, 'cacerts', 'ca.pem'), 'utf8')).toBe(material.caCertPem);
    expect(existsSync(join(out, 'manufacturer', 'legacy-app'))).toBe(false);
    expect(existsSync(join(out, 'manufacturer', 'bad-app'))).toBe(false);
    expect(fake.registered.get('ops-admin')?.type).toBe('admin');
  });

  it('reads the CA admin from --admin-cert/--admin-key files as well', async () => {
    fake = await startCa();
    const spec = copySupplyChain(withManufacturerCa(fake.port));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const admin = join(
      repoRoot,
      'networks/supply-chain/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp',
    );
    const result = await runCliAsync([
      'apply',
      spec,
      '--users',
      '--org',
      'manufacturer',
      '--enroll-out',
      out,
      '--admin-cert',
      join(admin, 'signcerts', 'Admin@manufacturer.supply.example.com-cert.pem'),
      '--admin-key',
      join(admin, 'keystore', 'priv_sk'),
    ]);
    expect(result.stderr).toBe('manufacturer: 1 enrolled, 0 already registered, 0 failed\n');
    expect(result.code).toBe(0);
  });

  it('reports a CA that is down as one line per user and exits 1', async () => {
    fake = await startCa();
    const port = fake.port;
    await fake.close();
    fake = undefined;
    const spec = copySupplyChain(withManufacturerCa(port));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const result = await runCliAsync(
      ['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out, '--timeout', '1'],
      ADMIN_ENV,
    );
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events).toHaveLength(1);
    expect(events[0].message).toMatch(
      /^factory-app: register failed: cannot reach https:\/\/localhost:\d+ \(ECONNREFUSED\)/,
    );
    expect(result.code).toBe(1);
  });

  it('refuses an --enroll-out inside a git working tree, and a missing admin identity, in one line each', async () => {
    const spec = copySupplyChain();
    const inGit = await runCliAsync(
      ['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', join(repoRoot, 'tmp-ids')],
      ADMIN_ENV,
    );
    expect(inGit.stderr).toBe(
      `netspec: --enroll-out ${join(repoRoot, 'tmp-ids')} is inside the git working tree ${repoRoot.replace(/\/$/, '')}: private keys must never be one commit away; choose a folder outside it\n`,
    );
    expect(inGit.code).toBe(1);
    expect(existsSync(join(repoRoot, 'tmp-ids'))).toBe(false);

    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const noEnv = await runCliAsync(['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out], {
      NETSPEC_MANUFACTURER_ADMIN_CERT: '',
    });
    expect(noEnv.stderr).toBe(
      'netspec: the CA admin certificate variable NETSPEC_MANUFACTURER_ADMIN_CERT is not set\n',
    );
    expect(noEnv.code).toBe(1);
  });
});
