import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsCertNamesAddress } from '../../../../src/compiler/validate/rules/tls-cert-names-address.js';
import { at, runRule } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

// Certificates are made here with @peculiar/x509, not with netspec's own issuer, so the rule is judged against
// certificates whose names the test alone decides.
let dir: string;

async function certificateWith(names: { dns?: string[]; ip?: string[] }): Promise<string> {
  x509.cryptoProvider.set(webcrypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const entries = [
    ...(names.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(names.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=node',
    notBefore: new Date('2025-01-01'),
    notAfter: new Date('2035-01-01'),
    keys: keys as webcrypto.CryptoKeyPair,
    signingAlgorithm: algorithm,
    extensions: entries.length > 0 ? [new x509.SubjectAlternativeNameExtension(entries)] : [],
  });
  return certificate.toString('pem');
}

async function place(path: string, names: { dns?: string[]; ip?: string[] }): Promise<void> {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await certificateWith(names));
}

const ordererCert = (host: string) => `crypto/ops/orderers/${host}/tls/server.crt`;
const peerCert = (org: string, host: string) => `crypto/${org}/peers/${host}/tls/server.crt`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-tls-names-'));
  await place(ordererCert('orderer0.ops.example.com'), { dns: ['orderer0.ops.example.com', 'orderer0'] });
  await place(ordererCert('orderer1.ops.example.com'), { dns: ['*.ops.example.com'] });
  await place(ordererCert('orderer2.ops.example.com'), { dns: ['orderer2'] });
  await place(peerCert('org1', 'peer0.org1.example.com'), {
    dns: ['peer0.org1.example.com', 'peer0.test-org1.svc.cluster.local'],
  });
  await place(peerCert('org1', 'peer1.org1.example.com'), { dns: ['peer1.org1.example.com'] });
  await place(peerCert('org2', 'peer0.org2.example.com'), { ip: ['10.0.0.7'] });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (yaml: string) => runRule(tlsCertNamesAddress, yaml, dir);

describe('tlsCertNamesAddress', () => {
  it('warns, at the node, when its TLS certificate does not name its address host (exact or one-label wildcard)', () => {
    const yaml = specYaml();
    const result = run(yaml);
    // orderer0 names itself, orderer1 is covered by *.ops.example.com, org1's peers name themselves; orderer2's
    // certificate names only `orderer2`, and org2's peer0 has an IP SAN but is dialled by name.
    expect(result.lines).toEqual([
      `${at(yaml, '- ^name: orderer2')} warning NS_TLS_NAME_MISSING`,
      `${at(yaml, '- ^name: peer0', 2)} warning NS_TLS_NAME_MISSING`,
    ]);
    expect(result.diagnostics[0]!.message).toBe(
      `orderer 'ops/orderer2' is dialled at 'orderer2.ops.example.com', which its TLS certificate '${ordererCert('orderer2.ops.example.com')}' does not name (it names orderer2)`,
    );
    expect(result.diagnostics[1]!.message).toMatch(/it names 10\.0\.0\.7\)$/);
  });

  it('follows the exposure: in cluster mode the Service name is the address, and points at the exposure too', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.kubernetes = { exposure: { mode: 'cluster' } };
      s.organizations.org2!.peers = [{ name: 'peer0', address: '10.0.0.7:7051' }];
      s.organizations.ops!.orderers![2]!.host = 'orderer2';
    });
    const result = run(yaml);
    // peer0 of org1 names its Service; peer1 does not. org2's peer0 is dialled at an IP its certificate names.
    // orderer2 now has host `orderer2`, so its certificate is read from there: absent, left to other rules.
    expect(result.lines).toEqual([`${at(yaml, '- ^name: peer1')} warning NS_TLS_NAME_MISSING`]);
    expect(result.diagnostics[0]!.message).toContain("dialled at 'peer1.test-org1.svc.cluster.local'");
    expect(result.diagnostics[0]!.ranges).toHaveLength(2);
  });

  it('points at an explicit address the certificate lacks', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.orderers![0]!.address = 'osn0.edge.example.net:443';
    });
    expect(run(yaml).lines).toEqual([
      `${at(yaml, 'address: ^osn0.edge.example.net:443')} warning NS_TLS_NAME_MISSING`,
      `${at(yaml, '- ^name: orderer2')} warning NS_TLS_NAME_MISSING`,
      `${at(yaml, '- ^name: peer0', 2)} warning NS_TLS_NAME_MISSING`,
    ]);
  });
});
