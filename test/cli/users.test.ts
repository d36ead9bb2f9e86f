// `netspec apply --users` through the CLI's main(), in process, against a local HTTPS Fabric CA (token auth verified,
// real certificates): identities written only under --enroll-out with 0600 keys, nothing secret on stdout; a new
// runner or a lost folder gets its identities back; drift exits 1 unless allowed; the CA's own TLS root comes
// from ca.tlsCACert; validate refuses what apply would; git working trees refused.

import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { certificateAttributes } from '../../src/apply/fabric-ca/index.js';
import { type FakeCaOptions, type FakeFabricCa, startFakeFabricCa } from '../apply/fabric-ca/_fake-fabric-ca.js';
import {
  copySupplyChain,
  foreignTlsRoot,
  manufacturerCaOptions,
  manufacturerMaterial,
  withManufacturerCa,
} from '../apply/fabric-ca/_supply-chain-copy.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

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
      - name: ops-admin
        type: admin
`;
const BAD_USERS = `    users:
      - name: bad-app
        attributes:
          hf.Revoker: "true"
`;

let fake: FakeFabricCa | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const startCa = (extra: Partial<FakeCaOptions> = {}) =>
  startFakeFabricCa({ ...manufacturerCaOptions(), existing: ['legacy-app'], ...extra });

const runCliAsync = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { CI: 'true', ...env } });
const eventsOf = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
/** The line apply --users ends with: where it recorded the users it converged. */
const recordedLine = (spec: string) =>
  `manufacturer: users recorded in ${join(dirname(spec), 'state', 'users', 'manufacturer.json')} for the next plan\n`;
const applyUsers = (spec: string, out: string, ...more: string[]) =>
  runCliAsync(['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out, ...more], ADMIN_ENV);

describe('netspec apply --users', () => {
  it('registers and enrolls, and takes over an existing user with no enrollment in --enroll-out', async () => {
    fake = await startCa();
    const spec = copySupplyChain(withManufacturerCa(fake.port, USERS));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const result = await applyUsers(spec, out);

    const events = eventsOf(result.stdout);
    expect(events.map((e) => [e.event, e.user])).toEqual([
      ['enrolled', 'factory-app'],
      ['enrolled', 'legacy-app'],
      ['enrolled', 'ops-admin'],
    ]);
    expect(result.stderr).toBe(`manufacturer: 3 enrolled, 0 unchanged, 0 drifted, 0 failed\n${recordedLine(spec)}`);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|secret-/);
    expect(result.stdout).not.toContain(fake.registered.get('legacy-app')!.secret);

    const msp = join(out, 'manufacturer', 'factory-app', 'msp');
    expect(events[0].path).toBe(msp);
    expect(statSync(join(msp, 'keystore', 'priv_sk')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(msp, 'keystore', 'priv_sk'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(readFileSync(join(msp, 'cacerts', 'ca.pem'), 'utf8')).toBe(material.caCertPem);
    expect(existsSync(join(out, 'manufacturer', 'legacy-app', 'msp', 'signcerts', 'cert.pem'))).toBe(true);
    expect(existsSync(join(out, 'manufacturer', 'bad-app'))).toBe(false);
    expect(fake.registered.get('ops-admin')?.type).toBe('admin');
  });

  it('converges: a re-run changes nothing, a lost folder is enrolled again, a changed attribute re-enrolls', async () => {
    fake = await startCa({ existing: [] });
    const spec = copySupplyChain(withManufacturerCa(fake.port));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const first = await applyUsers(spec, out);
    expect(first.stderr).toBe(`manufacturer: 1 enrolled, 0 unchanged, 0 drifted, 0 failed\n${recordedLine(spec)}`);

    const again = await applyUsers(spec, out);
    expect(again.stderr).toBe(`manufacturer: 0 enrolled, 1 unchanged, 0 drifted, 0 failed\n${recordedLine(spec)}`);
    expect(again.code).toBe(0);

    rmSync(join(out, 'manufacturer'), { recursive: true });
    const lost = await applyUsers(spec, out);
    expect(eventsOf(lost.stdout)[0].message).toMatch(/^factory-app: enrolled with a fresh secret \(no enrollment in /);
    expect(lost.code).toBe(0);
    expect(existsSync(join(out, 'manufacturer', 'factory-app', 'msp', 'keystore', 'priv_sk'))).toBe(true);

    const toledo = copySupplyChain((yaml) =>
      withManufacturerCa(fake!.port)(yaml).replace('plant: detroit', 'plant: toledo'),
    );
    const changed = await applyUsers(toledo, out);
    expect(eventsOf(changed.stdout)[0].message).toMatch(/^factory-app: updated attributes plant; re-enrolled/);
    const cert = readFileSync(join(out, 'manufacturer', 'factory-app', 'msp', 'signcerts', 'cert.pem'), 'utf8');
    expect(certificateAttributes(cert)).toMatchObject({ plant: 'toledo', department: 'production' });
    expect(fake.registered.get('factory-app')!.attrs.find((a) => a.name === 'plant')!.value).toBe('toledo');
  });

  it('reports an identity registered with another type as drift (exit 1), and changes it once allowed', async () => {
    fake = await startCa({ existing: { 'factory-app': { type: 'admin', secret: 'theirs' } } });
    const spec = copySupplyChain(withManufacturerCa(fake.port));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const drift = await applyUsers(spec, out);
    expect(eventsOf(drift.stdout).map((e) => e.event)).toEqual(['drift']);
    expect(eventsOf(drift.stdout).map((e) => e.code)).toEqual(['NS_CA_IDENTITY_DRIFT']);
    expect(drift.stderr).toBe(`manufacturer: 0 enrolled, 0 unchanged, 1 drifted, 0 failed\n${recordedLine(spec)}`);
    expect(drift.code).toBe(1);
    expect(fake.registered.get('factory-app')!.type).toBe('admin');
    // The record keeps it pending, so the next plan still shows it to converge.
    const recordOf = (file: string) =>
      JSON.parse(readFileSync(join(dirname(file), 'state', 'users', 'manufacturer.json'), 'utf8')).users[0];
    expect(recordOf(spec).pending).toMatch(/^drift: the CA holds it with type 'admin' \(the spec says 'client'\)/);

    const allowed = copySupplyChain((yaml) =>
      withManufacturerCa(fake!.port)(yaml).replace(
        'allow: []',
        'allow:\n  - code: NS_CA_IDENTITY_DRIFT\n    target: manufacturer/factory-app\n    reason: registered by hand before netspec',
      ),
    );
    const fixed = await applyUsers(allowed, out);
    expect(eventsOf(fixed.stdout)[0].message).toMatch(/^factory-app: updated type to 'client'; attributes/);
    expect(fixed.code).toBe(0);
    expect(fake.registered.get('factory-app')!.type).toBe('client');
    expect(recordOf(allowed)).not.toHaveProperty('pending');
  });

  it('records what it converged, and the next plan compares the spec’s users with the record', async () => {
    fake = await startCa({ existing: [] });
    const twoUsers = (plant: string) => (yaml: string) =>
      withManufacturerCa(
        fake!.port,
        USERS.replace('plant: detroit', `plant: ${plant}`).replace('      - name: legacy-app\n', ''),
      )(yaml);
    const spec = copySupplyChain(twoUsers('detroit'));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const usersPlanned = async (file: string) => {
      const planned = await runCliAsync(['plan', file, '--format', 'json']);
      const plan = JSON.parse(planned.stdout) as { users: { organization: string; users: unknown[] }[] };
      return plan.users.find((org) => org.organization === 'manufacturer')!.users as {
        user: string;
        action: string;
        changes: string[];
      }[];
    };
    const actions = (users: { user: string; action: string }[]) => users.map((u) => [u.user, u.action]);

    // The example's record holds factory-app as the spec has it; ops-admin is new.
    expect(actions(await usersPlanned(spec))).toEqual([
      ['factory-app', 'noop'],
      ['ops-admin', 'create'],
    ]);
    expect((await applyUsers(spec, out)).code).toBe(0);
    const recordFile = join(dirname(spec), 'state', 'users', 'manufacturer.json');
    const recorded = JSON.parse(readFileSync(recordFile, 'utf8')) as { users: Record<string, unknown>[] };
    expect(recorded.users.map((u) => [u.name, u.type, u.attributes])).toEqual([
      ['factory-app', 'client', { department: 'production', plant: 'detroit' }],
      ['ops-admin', 'admin', {}],
    ]);
    const issued = readFileSync(join(out, 'manufacturer', 'ops-admin', 'msp', 'signcerts', 'cert.pem'), 'utf8');
    expect(recorded.users[1]!.enrolledUntil).toBe(new Date(new X509Certificate(issued).validTo).toISOString());
    expect(readFileSync(recordFile, 'utf8')).not.toMatch(/secret|PRIVATE|BEGIN/i);
    expect(actions(await usersPlanned(spec))).toEqual([
      ['factory-app', 'noop'],
      ['ops-admin', 'noop'],
    ]);

    // A changed attribute: plan says modify, in plan.json, plan.md and the text; apply converges it.
    const toledo = join(dirname(spec), 'network.yaml');
    writeFileSync(toledo, readFileSync(spec, 'utf8').replace('plant: detroit', 'plant: toledo'));
    expect(await usersPlanned(toledo)).toContainEqual(
      expect.objectContaining({
        user: 'factory-app',
        action: 'modify',
        changes: ['attribute plant: "detroit" -> "toledo"'],
      }),
    );
    const bundle = join(mkdtempSync(join(tmpdir(), 'netspec-users-plan-')), 'bundle');
    const written = await runCliAsync(['plan', toledo, '--out', bundle]);
    expect(written.code).toBe(2);
    const markdown = readFileSync(join(bundle, 'plan.md'), 'utf8');
    expect(markdown).toContain('## Application users');
    expect(markdown).toContain(
      '| ~ | `factory-app` | modify | attribute plant: "detroit" -\\> "toledo" | apply --users sets the attributes at the CA, then re-enrolls it so its certificate carries them |',
    );
    expect(markdown).toMatch(/\| Application users \| 0 \| 1 \| 2 \|/);
    const text = await runCliAsync(['plan', toledo]);
    expect(text.stdout).toContain('Users\n  manufacturer: compared with users/manufacturer.json in the state\n');
    expect(markdown).toContain('### `manufacturer`: compared with `users/manufacturer.json` in the state\n');
    expect(text.stdout).toContain('    ~ factory-app (modify): attribute plant: "detroit" -> "toledo"\n');
    expect(text.stdout).toMatch(/Plan: .*, 1 user\./);
    expect((await applyUsers(toledo, out)).code).toBe(0);
    expect(actions(await usersPlanned(toledo))).toEqual([
      ['factory-app', 'noop'],
      ['ops-admin', 'noop'],
    ]);
  });

  it('drops from the record the users the spec no longer has, when it has none left, without calling the CA', async () => {
    fake = await startCa({ existing: [] });
    const spec = copySupplyChain(withManufacturerCa(fake.port, ''));
    const manufacturerPlan = async () => {
      const planned = await runCliAsync(['plan', spec, '--format', 'json']);
      const plan = JSON.parse(planned.stdout) as { users: { organization: string; users: unknown[] }[] };
      return plan.users.find((org) => org.organization === 'manufacturer');
    };
    // The example's record holds factory-app, which the spec dropped.
    expect((await manufacturerPlan())?.users).toEqual([
      expect.objectContaining({ user: 'factory-app', action: 'remove' }),
    ]);
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const dry = await runCliAsync(['apply', spec, '--users', '--org', 'manufacturer', '--dry-run']);
    expect(dry.code).toBe(0);
    const recordFile = join(dirname(spec), 'state', 'users', 'manufacturer.json');
    expect(readFileSync(recordFile, 'utf8')).toContain('factory-app');
    const result = await runCliAsync(['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(recordedLine(spec));
    expect(JSON.parse(readFileSync(recordFile, 'utf8'))).toEqual({ users: [] });
    expect(fake.requests).toEqual([]);
    expect((await manufacturerPlan())?.users).toEqual([]);
  });

  it("trusts the CA's own TLS root from ca.tlsCACert, and names the untrusted certificate without it", async () => {
    const tls = foreignTlsRoot();
    fake = await startCa({ tlsCaCertPem: tls.certPem, tlsCaKeyPem: tls.keyPem });
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const without = await applyUsers(copySupplyChain(withManufacturerCa(fake.port)), out);
    expect(eventsOf(without.stdout)[0].message).toMatch(
      /presented a TLS certificate for 'O=test, CN=localhost' issued by '.*CN=tlsca\.operator\.supply\.example\.com'.*which the MSP TLS roots of manufacturer do not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): set ca\.tlsCACert/,
    );
    expect(without.code).toBe(1);

    const spec = copySupplyChain(withManufacturerCa(fake.port, undefined, `      tlsCACert: ${tls.certFile}\n`));
    const trusted = await applyUsers(spec, out);
    expect(trusted.stderr).toBe(`manufacturer: 1 enrolled, 0 unchanged, 0 drifted, 0 failed\n${recordedLine(spec)}`);
  });

  it('dry run lists what would change and changes nothing', async () => {
    fake = await startCa({ existing: [] });
    const spec = copySupplyChain(withManufacturerCa(fake.port));
    const result = await runCliAsync(['apply', spec, '--users', '--org', 'manufacturer', '--dry-run'], ADMIN_ENV);
    expect(eventsOf(result.stdout).map((e) => e.message)).toEqual([
      `factory-app: would register (client) and enroll at https://localhost:${fake.port}`,
    ]);
    expect(result.stderr).toBe(
      'manufacturer: 0 enrolled, 0 unchanged, 1 to change, 0 drifted, 0 failed (dry run: nothing changed)\n',
    );
    expect(fake.registered.size).toBe(0);
  });

  it('validate refuses the attributes and the CA TLS root that apply would refuse; apply refuses the spec', async () => {
    fake = await startCa();
    const spec = copySupplyChain((yaml) =>
      withManufacturerCa(fake!.port, BAD_USERS, '      tlsCACert: crypto/manufacturer/msp/config.yaml\n')(yaml),
    );
    const result = await runCliAsync(['validate', spec]);
    expect(result.code).toBe(1);
    const text = result.stdout + result.stderr;
    expect(text).toContain('NS_USER_ATTRIBUTE_INVALID');
    expect(text).toContain(
      "user 'bad-app' of organization 'manufacturer': attribute 'hf.Revoker' is reserved by Fabric CA",
    );
    expect(text).toContain('NS_CA_TLS_CERT_INVALID');
    expect(text).toMatch(/network\.yaml:\d+:\d+/);

    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    const applied = await applyUsers(spec, out);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('NS_USER_ATTRIBUTE_INVALID');
    expect(fake.requests).toEqual([]);
  });

  it('refuses a CA admin key that does not belong to its certificate, before calling the CA', async () => {
    fake = await startCa();
    const spec = copySupplyChain(withManufacturerCa(fake.port));
    const out = mkdtempSync(join(tmpdir(), 'netspec-ids-'));
    // The spec's identity variables: validate's finding, at the identity's key secret, and apply stops there.
    const mismatched = { ...ADMIN_ENV, NETSPEC_MANUFACTURER_ADMIN_KEY: material.caKeyPem };
    const keyAt = lineColumnOf(readFileSync(spec, 'utf8'), 'NETSPEC_MANUFACTURER_ADMIN_KEY }');
    const validated = await runCliAsync(['validate', spec], mismatched);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(`${spec}:${keyAt} error NS_IDENTITY_KEY_MISMATCH`);
    const fromEnv = await runCliAsync(
      ['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out],
      mismatched,
    );
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain(`${spec}:${keyAt} error NS_IDENTITY_KEY_MISMATCH`);
    const dir = mkdtempSync(join(tmpdir(), 'netspec-admin-'));
    writeFileSync(join(dir, 'cert.pem'), material.adminCertPem);
    writeFileSync(join(dir, 'key.pem'), material.caKeyPem, { mode: 0o600 });
    const fromFiles = await runCliAsync([
      'apply',
      spec,
      '--users',
      '--org',
      'manufacturer',
      '--enroll-out',
      out,
      '--admin-cert',
      join(dir, 'cert.pem'),
      '--admin-key',
      join(dir, 'key.pem'),
    ]);
    // Files given on the command line: apply's own check, coded as validate codes it, at the key file.
    expect(fromFiles.stderr).toContain(
      `${join(dir, 'key.pem')}:1:1 error NS_IDENTITY_KEY_MISMATCH the CA admin private key does not belong to its certificate (`,
    );
    expect(fromFiles.stderr).toContain(
      '\n  hint: give the key of that certificate in --admin-key, or the certificate of that key in --admin-cert\n',
    );
    expect(fromFiles.code).toBe(1);
    // A key file that holds no key (here: the certificate again).
    writeFileSync(join(dir, 'not-a-key.pem'), material.adminCertPem);
    const notAKey = await runCliAsync([
      ...['apply', spec, '--users', '--org', 'manufacturer', '--enroll-out', out],
      ...['--admin-cert', join(dir, 'cert.pem'), '--admin-key', join(dir, 'not-a-key.pem')],
    ]);
    expect(notAKey.stderr).toContain(
      `${join(dir, 'not-a-key.pem')}:1:1 error NS_IDENTITY_INVALID the CA admin private key is not a PEM private key\n`,
    );
    expect(notAKey.code).toBe(1);
    for (const output of [validated.stdout, fromEnv.stderr, fromFiles.stderr])
      expect(output).not.toMatch(/PRIVATE KEY|MIG/);
    expect(fake.requests).toEqual([]);
  });

  it('refuses an --enroll-out inside a git working tree in one line, and a missing admin identity with its code', async () => {
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
    // The missing secret is the identity's, with its own code and the variable to set.
    expect(noEnv.stderr).toBe(
      'error NS_IDENTITY_MISSING the CA admin certificate variable NETSPEC_MANUFACTURER_ADMIN_CERT is not set\n' +
        '  hint: set NETSPEC_MANUFACTURER_ADMIN_CERT to the PEM certificate of the CA admin (a CI secret), or pass --admin-cert and --admin-key\n',
    );
    expect(noEnv.code).toBe(1);
  });
});

/** `line:col` (1-based) of the first character of `needle` in `text`. */
function lineColumnOf(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`'${needle}' is not in the spec`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
