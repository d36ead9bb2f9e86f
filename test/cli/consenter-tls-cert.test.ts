// A consenter whose TLS certificate is not in netspec's crypto layout: validate points at it, plan and genesis
// refuse it the same way instead of failing on a missing file, and a tlsCert the spec names is the one used.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const QUICKSTART = join(repoRoot, 'networks/quickstart');
// The ops team's own PKI: any real orderer TLS certificate will do, outside crypto/.
const TEAM_CERT = 'crypto/alpha/orderers/orderer0.alpha.quickstart.example.com/tls/server.crt';

/** The quickstart network with two more consenters: orderer3 names its tlsCert, orderer4 names none. */
function networkWithNewConsenters(orderer4: string): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-consenter-tls-'));
  cpSync(QUICKSTART, dir, { recursive: true });
  mkdirSync(join(dir, 'ops-pki'));
  copyFileSync(join(dir, TEAM_CERT), join(dir, 'ops-pki/orderer3-tls.pem'));
  const file = join(dir, 'network.yaml');
  const text = readFileSync(file, 'utf8')
    .replace(
      '      - name: orderer2\n        port: 7050\n',
      `      - name: orderer2\n        port: 7050\n      - name: orderer3\n        tlsCert: ops-pki/orderer3-tls.pem\n${orderer4}`,
    )
    .replace(
      'consenters: [alpha/orderer0, alpha/orderer1, alpha/orderer2]',
      'consenters: [alpha/orderer0, alpha/orderer1, alpha/orderer2, alpha/orderer3, alpha/orderer4]',
    );
  expect(text).toContain('alpha/orderer4]');
  writeFileSync(file, text);
  return { dir, file, text };
}

describe('a consenter TLS certificate outside the crypto layout', () => {
  it('is a positioned error in validate, plan and genesis alike, with nothing written', async () => {
    const { dir, file, text } = networkWithNewConsenters('      - name: orderer4\n');
    const line = text.split('\n').indexOf('      - name: orderer4') + 1;
    const expected = `${file}:${line}:9 error NS_CERT_MISSING consenter 'alpha/orderer4' sets no tlsCert, and its default TLS certificate 'crypto/alpha/orderers/orderer4.alpha.quickstart.example.com/tls/server.crt' does not exist`;

    const validate = await runCliInProcess(['validate', file]);
    expect(validate.stdout).toContain(expected);
    expect(validate.code).toBe(1);

    const out = join(dir, 'bundle');
    const plan = await runCliInProcess(['plan', file, '--out', out]);
    expect(plan.stderr).toContain(expected);
    expect(plan.stdout + plan.stderr).not.toMatch(/internal error|ENOENT|\n\s+at /);
    expect(plan.code).toBe(1);
    expect(existsSync(out)).toBe(false);

    const block = join(dir, 'invoices.block');
    const genesis = await runCliInProcess(['genesis', file, '--channel', 'invoices', '--output', block]);
    expect(genesis.stdout + genesis.stderr).toContain(expected);
    expect(genesis.stdout + genesis.stderr).not.toMatch(/internal error|ENOENT/);
    expect(genesis.code).toBe(1);
    expect(existsSync(block)).toBe(false);
  });

  it('puts the certificate each consenter names into the channel config', async () => {
    const { dir, file } = networkWithNewConsenters(
      '      - name: orderer4\n        tlsCert: ops-pki/orderer3-tls.pem\n',
    );
    expect((await runCliInProcess(['validate', file])).code).toBe(0);
    const out = join(dir, 'invoices.block');
    const genesis = await runCliInProcess(['genesis', file, '--channel', 'invoices', '--output', out]);
    expect(genesis.stderr).toBe('');
    expect(genesis.code).toBe(0);
    const decoded = await runCliInProcess(['decode', '--type', 'common.Block', out]);
    expect(decoded.code).toBe(0);
    const block = JSON.parse(decoded.stdout);
    const consenters = block.data.data[0].payload.data.config.channel_group.groups.Orderer.values.ConsensusType.value
      .metadata.consenters as { host: string; server_tls_cert: string }[];
    const named = readFileSync(join(dir, 'ops-pki/orderer3-tls.pem')).toString('base64');
    expect(consenters.map((c) => c.host).slice(3)).toEqual([
      'orderer3.alpha.quickstart.example.com',
      'orderer4.alpha.quickstart.example.com',
    ]);
    expect(consenters.slice(3).map((c) => c.server_tls_cert)).toEqual([named, named]);
  });
});
