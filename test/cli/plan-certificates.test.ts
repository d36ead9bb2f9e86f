// `netspec plan` lists the network's certificates and warns, at the spec's positions, about those expiring within
// the warning period: --cert-warning-days, else the spec's certificates.expiryWarningDays, else 30 days.
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const example = join(repoRoot, 'networks', 'supply-chain');

/** A copy of the example (its crypto and state linked), with `edit` applied to network.yaml. */
function exampleCopy(edit: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-certs-'));
  copyFileSync(join(example, 'network.yaml'), join(dir, 'network.yaml'));
  writeFileSync(join(dir, 'network.yaml'), edit(readFileSync(join(dir, 'network.yaml'), 'utf8')));
  symlinkSync(join(example, 'crypto'), join(dir, 'crypto'));
  symlinkSync(join(example, 'state'), join(dir, 'state'));
  return join(dir, 'network.yaml');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('netspec plan: certificate expiry', () => {
  it('warns nothing with the default 30 days (the demo certificates last 10 years), and lists them', async () => {
    const result = await runCli(['plan', exampleCopy()]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('NS_CERT_EXPIRING');
    expect(result.stdout).toMatch(
      /^Certificates: 18; the first to expire is the CA certificate of \w+, on \d{4}-\d{2}-\d{2}\.$/m,
    );
    const json = JSON.parse((await runCli(['plan', exampleCopy(), '--format', 'json'])).stdout);
    expect(json.certificates).toHaveLength(18);
  });

  it('warns at the spec position naming each certificate within --cert-warning-days', async () => {
    const spec = exampleCopy();
    const text = readFileSync(spec, 'utf8');
    const result = await runCli(['plan', spec, '--cert-warning-days', '20000']);
    expect(result.code).toBe(2);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('NS_CERT_EXPIRING'));
    expect(warnings).toHaveLength(18);
    // The orderer's TLS certificate is named by the orderer entry (its default path), the CA by the MSP folder.
    const directory =
      lineOf(text.slice(text.indexOf('  manufacturer:')), 'directory:') + lineOf(text, '  manufacturer:') - 1;
    expect(warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${directory}:\\d+ warning NS_CERT_EXPIRING the CA certificate of manufacturer \\(`,
        ),
      ),
    );
    expect(result.stderr).toContain('this warning starts 20000 days before');
  });

  it('takes the period from the spec, and the flag over the spec', async () => {
    const spec = exampleCopy((text) => `${text}\ncertificates:\n  expiryWarningDays: 3650\n`);
    expect((await runCli(['plan', spec])).stderr.match(/NS_CERT_EXPIRING/g)).toHaveLength(18);
    expect((await runCli(['plan', spec, '--cert-warning-days', '0'])).stderr).not.toContain('NS_CERT_EXPIRING');
    const wrong = await runCli(['plan', spec, '--cert-warning-days', 'soon']);
    expect(wrong.stderr).toBe("netspec: --cert-warning-days must be a whole number of days, not 'soon'\n");
    expect(wrong.code).toBe(1);
  });
});
