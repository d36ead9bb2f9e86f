import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

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
  it('writes material that makes the spec validate, listing paths but never key contents', () => {
    const { dir, file } = specDir(SPEC);
    expect(runCli(['validate', file]).stdout).toContain('NS_CERT_MISSING');

    const result = runCli(['crypto', file]);
    expect(result.code).toBe(0);
    const keyFile = join(dir, 'crypto/ops/orderers/orderer0.ops.example.com/tls/server.key');
    expect(result.stdout).toContain(`wrote ${keyFile}\n`);
    expect(result.stdout).toMatch(/: 49 files written\. DEMO ONLY/);
    expect(result.stdout).toContain(`wrote ${join(dir, 'crypto/.gitignore')}\n`);
    expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
    const keyBody = readFileSync(keyFile, 'utf8').split('\n')[1]!;
    expect(result.stdout + result.stderr).not.toContain(keyBody);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const validated = runCli(['validate', file]);
    expect(validated.stdout).toMatch(/valid \(1 organization,/);
    expect(validated.code).toBe(0);
  });

  it('keeps existing material unless --force', () => {
    const { dir, file } = specDir(SPEC);
    runCli(['crypto', file]);
    const ca = join(dir, 'crypto/ops/ca/ca.ops.example.com-cert.pem');
    const before = readFileSync(ca, 'utf8');

    const again = runCli(['crypto', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`kept  ${join(dir, 'crypto/ops')}\n`);
    expect(again.stdout).toMatch(/: 0 files written, existing material kept/);
    expect(readFileSync(ca, 'utf8')).toBe(before);

    const forced = runCli(['crypto', file, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/: 49 files written\./);
    expect(readFileSync(ca, 'utf8')).not.toBe(before);
  });

  it('lists the private keys in crypto/.gitignore and sets keys a clone left readable back to 0600', () => {
    const { dir, file } = specDir(SPEC);
    runCli(['crypto', file]);
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
    const again = runCli(['crypto', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('1 private key was readable by others');
    expect(again.stderr).toContain('crypto/ops/ca/priv_sk');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(runCli(['crypto', file]).stderr).not.toContain('readable by others');
  });

  it('refuses an invalid spec with its diagnostics and writes nothing', () => {
    const { dir, file } = specDir(SPEC.replace('consenters: [ops/orderer0', 'consenters: [ops/orderer9'));
    const result = runCli(['crypto', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/network\.yaml:\d+:\d+ error NS_UNKNOWN_NODE /);
    expect(result.stdout).not.toContain('NS_CERT_');
    expect(existsSync(join(dir, 'crypto'))).toBe(false);
  });

  it('fails with exit 1 on a missing spec file', () => {
    const result = runCli(['crypto', join(tmpdir(), 'netspec-no-such-dir', 'network.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('NS_FILE_NOT_FOUND');
  });

  it.each(['quickstart', 'supply-chain'])(
    'ships the %s example with committed DEMO-ONLY material that validates',
    (name) => {
      const file = `networks/${name}/network.yaml`;
      const result = runCli(['validate', file]);
      expect(result.stdout).toContain(`${file}: valid (`);
      expect(result.code).toBe(0);
      expect(readFileSync(join(repoRoot, `networks/${name}/crypto/README.md`), 'utf8')).toMatch(/^# DEMO ONLY/);
    },
  );
});
