import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const SPEC = `apiVersion: netspec/v1
name: crypto-test
organizations:
  ops:
    mspId: OpsMSP
    domain: ops.example.com
    roles: [operator, participant]
    msp:
      directory: crypto/ops/msp
      adminIdentity: crypto/ops/users/Admin@ops.example.com/msp/signcerts/Admin@ops.example.com-cert.pem
    orderers:
      - name: orderer0
      - name: orderer1
      - name: orderer2
    peers:
      - name: peer0
channels:
  main:
    members: [ops]
    orderer:
      organizations: [ops]
      consenters: [ops/orderer0, ops/orderer1, ops/orderer2]
`;

const dirs: string[] = [];
function specDir(content: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-cli-crypto-'));
  dirs.push(dir);
  const file = join(dir, 'network.yaml');
  writeFileSync(file, content);
  return { dir, file };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('netspec crypto', () => {
  it('writes material that makes the spec validate, listing paths but never key contents', async () => {
    const { dir, file } = specDir(SPEC);
    expect((await runCli(['validate', file])).stdout).toContain('NS_CERT_MISSING');

    const result = await runCli(['crypto', file]);
    expect(result.code).toBe(0);
    const keyFile = join(dir, 'crypto/ops/orderers/orderer0.ops.example.com/tls/server.key');
    expect(result.stdout).toContain(`wrote ${keyFile}\n`);
    expect(result.stdout).toMatch(/: 49 files written\. DEMO ONLY/);
    expect(result.stdout).toContain(`wrote ${join(dir, 'crypto/.gitignore')}\n`);
    expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
    const keyBody = readFileSync(keyFile, 'utf8').split('\n')[1]!;
    expect(result.stdout + result.stderr).not.toContain(keyBody);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const validated = await runCli(['validate', file]);
    expect(validated.stdout).toMatch(/valid \(1 organization,/);
    expect(validated.code).toBe(0);
  });

  it('keeps existing material unless --force', async () => {
    const { dir, file } = specDir(SPEC);
    await runCli(['crypto', file]);
    const ca = join(dir, 'crypto/ops/ca/ca.ops.example.com-cert.pem');
    const before = readFileSync(ca, 'utf8');

    const again = await runCli(['crypto', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`kept  ${join(dir, 'crypto/ops')}\n`);
    expect(again.stdout).toMatch(/: 0 files written, existing material kept/);
    expect(readFileSync(ca, 'utf8')).toBe(before);

    const forced = await runCli(['crypto', file, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/: 49 files written\./);
    expect(readFileSync(ca, 'utf8')).not.toBe(before);
  });

  it('lists the private keys in crypto/.gitignore and sets keys a clone left readable back to 0600', async () => {
    const { dir, file } = specDir(SPEC);
    await runCli(['crypto', file]);
    const ignore = readFileSync(join(dir, 'crypto/.gitignore'), 'utf8');
    expect(ignore).toContain('**/priv_sk\n');
    expect(ignore).toContain('**/*.key\n');
    const git = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git(['init', '-q']);
    const ignored = git([
      'check-ignore',
      'crypto/ops/ca/priv_sk',
      'crypto/ops/users/Admin@ops.example.com/tls/client.key',
    ]);
    expect(ignored.stdout.trim().split('\n')).toHaveLength(2);
    expect(git(['check-ignore', 'crypto/ops/ca/ca.ops.example.com-cert.pem']).status).toBe(1);

    // As a clone checks them out: 0644.
    const key = join(dir, 'crypto/ops/ca/priv_sk');
    chmodSync(key, 0o644);
    const again = await runCli(['crypto', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('1 private key was readable by others');
    expect(again.stderr).toContain('crypto/ops/ca/priv_sk');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect((await runCli(['crypto', file])).stderr).not.toContain('readable by others');
  });

  it('refuses an invalid spec with its diagnostics and writes nothing', async () => {
    const { dir, file } = specDir(SPEC.replace('consenters: [ops/orderer0', 'consenters: [ops/orderer9'));
    const result = await runCli(['crypto', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/network\.yaml:\d+:\d+ error NS_UNKNOWN_NODE /);
    expect(result.stdout).not.toContain('NS_CERT_');
    expect(existsSync(join(dir, 'crypto'))).toBe(false);
  });

  it('fails with exit 1 on a missing spec file', async () => {
    const result = await runCli(['crypto', join(tmpdir(), 'netspec-no-such-dir', 'network.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('NS_FILE_NOT_FOUND');
  });

  it.each(['quickstart', 'supply-chain'])(
    'ships the %s example with committed DEMO-ONLY material that validates',
    async (name) => {
      const file = `networks/${name}/network.yaml`;
      const result = await runCli(['validate', file]);
      expect(result.stdout).toContain(`${file}: valid (`);
      expect(result.code).toBe(0);
      expect(readFileSync(join(repoRoot, `networks/${name}/crypto/README.md`), 'utf8')).toMatch(/^# DEMO ONLY/);
    },
  );

  it('--renew issues renewed certificates of one orderer beside the old ones, and says which spec edit rotates them', async () => {
    const { dir, file } = specDir(SPEC);
    await runCli(['crypto', file]);
    const nodeDir = join(dir, 'crypto/ops/orderers/orderer1.ops.example.com');
    const oldCert = readFileSync(join(nodeDir, 'tls/server.crt'), 'utf8');

    const result = await runCli(['crypto', file, '--renew', 'ops/orderer1', '--new-key', '--days', '30']);
    expect(result.code).toBe(0);
    const written = [...result.stdout.matchAll(/^wrote (.*)$/gm)].map((m) => m[1]!.slice(nodeDir.length + 1));
    expect(written).toEqual([
      expect.stringMatching(/^tls\/server-\d{8}T\d{6}Z\.key$/),
      expect.stringMatching(/^tls\/server-\d{8}T\d{6}Z\.crt$/),
      expect.stringMatching(/^msp\/keystore\/\d{8}T\d{6}Z_sk$/),
      expect.stringMatching(/^msp\/signcerts\/orderer1\.ops\.example\.com-cert-\d{8}T\d{6}Z\.pem$/),
    ]);
    expect(result.stdout).toMatch(
      /To rotate, edit .*: organizations\.ops\.orderers\[1\] tlsCert: crypto\/ops\/orderers\/orderer1\.ops\.example\.com\/tls\/server-\d{8}T\d{6}Z\.crt/,
    );
    expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
    // The old certificate stays; the new one is the same node's, from the same TLS CA, valid 30 days, on a new key.
    expect(readFileSync(join(nodeDir, 'tls/server.crt'), 'utf8')).toBe(oldCert);
    const renewed = new X509Certificate(readFileSync(join(nodeDir, written[1]!)));
    const old = new X509Certificate(oldCert);
    const tlsCa = new X509Certificate(readFileSync(join(dir, 'crypto/ops/tlsca/tlsca.ops.example.com-cert.pem')));
    expect(renewed.subject).toBe(old.subject);
    expect(renewed.subjectAltName).toBe(old.subjectAltName);
    expect(renewed.verify(tlsCa.publicKey)).toBe(true);
    const days = (Date.parse(renewed.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(renewed.publicKey.export({ format: 'der', type: 'spki' })).not.toEqual(
      old.publicKey.export({ format: 'der', type: 'spki' }),
    );
    expect(statSync(join(nodeDir, written[0]!)).mode & 0o777).toBe(0o600);

    // Without --new-key, the node keeps its key.
    const sameKey = await runCli(['crypto', file, '--renew', 'ops/orderer2']);
    expect(sameKey.code).toBe(0);
    const orderer2 = join(dir, 'crypto/ops/orderers/orderer2.ops.example.com');
    const certFile = sameKey.stdout.match(/^wrote (.*server-.*\.crt)$/m)![1]!;
    expect(new X509Certificate(readFileSync(certFile)).publicKey.export({ format: 'der', type: 'spki' })).toEqual(
      new X509Certificate(readFileSync(join(orderer2, 'tls/server.crt'))).publicKey.export({
        format: 'der',
        type: 'spki',
      }),
    );
  });

  it('--renew names the nodes it knows when the one asked for does not exist, and writes nothing', async () => {
    const { dir, file } = specDir(SPEC);
    await runCli(['crypto', file]);
    const result = await runCli(['crypto', file, '--renew', 'ops/orderer9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--renew ops/orderer9: no orderer or peer of that name in');
    expect(result.stderr).toContain('known: ops/orderer0, ops/orderer1, ops/orderer2, ops/peer0');
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(join(dir, 'crypto/ops/orderers/orderer9.ops.example.com'))).toBe(false);
  });
});
