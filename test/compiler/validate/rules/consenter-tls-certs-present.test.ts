import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consenterTlsCertsPresent } from '../../../../src/compiler/validate/rules/consenter-tls-certs-present.js';
import { at, runRule } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

// A real orderer TLS certificate, written by `netspec crypto` for the quickstart example.
const SOURCE_CERT = 'networks/quickstart/crypto/alpha/orderers/orderer0.alpha.quickstart.example.com/tls/server.crt';
const defaultPath = (host: string) => `crypto/ops/orderers/${host}/tls/server.crt`;

let dir: string;

function place(path: string, write: (file: string) => void): void {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  write(file);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-consenter-tls-'));
  // orderer0 has its certificate where `netspec crypto` puts it; orderer1's file there is no certificate;
  // orderer2's material lives in the ops team's own folder, not in netspec's layout.
  place(defaultPath('orderer0.ops.example.com'), (file) => copyFileSync(SOURCE_CERT, file));
  place(defaultPath('orderer1.ops.example.com'), (file) => writeFileSync(file, 'not a certificate\n'));
  place('ops-pki/orderer2/tls.pem', (file) => copyFileSync(SOURCE_CERT, file));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lines = (yaml: string) =>
  runRule(consenterTlsCertsPresent, yaml, dir).diagnostics.map((d) => `${d.code} ${d.message}`);

describe('consenterTlsCertsPresent', () => {
  it('reports, at the orderer entry, a consenter whose default TLS certificate is absent or no certificate', () => {
    const yaml = specYaml();
    const run = runRule(consenterTlsCertsPresent, yaml, dir);
    expect(run.lines).toEqual([
      `${at(yaml, '- ^name: orderer1')} error NS_CERT_INVALID`,
      `${at(yaml, '- ^name: orderer2')} error NS_CERT_MISSING`,
    ]);
    expect(run.diagnostics[1]!.message).toBe(
      `consenter 'ops/orderer2' sets no tlsCert, and its default TLS certificate '${defaultPath('orderer2.ops.example.com')}' does not exist`,
    );
    expect(run.diagnostics[1]!.hint).toMatch(/set the orderer's tlsCert/);
  });

  it('leaves an orderer that names its own tlsCert to certificatesValid', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.orderers![1]!.tlsCert = 'ops-pki/orderer1/absent.pem';
      s.organizations.ops!.orderers![2]!.tlsCert = 'ops-pki/orderer2/tls.pem';
    });
    expect(lines(yaml)).toEqual([]);
  });

  it('follows a host that differs from <name>.<domain>, as the channel config does', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.orderers![1]!.host = 'orderer0.ops.example.com';
      s.organizations.ops!.orderers![2]!.tlsCert = 'ops-pki/orderer2/tls.pem';
    });
    expect(lines(yaml)).toEqual([]);
  });

  it('ignores an orderer no channel lists as a consenter', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = ['ops/orderer0'];
    });
    expect(lines(yaml)).toEqual([]);
  });
});
