import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/compiler/model/spec.js';
import { nodeTlsNames } from '../../src/compiler/model/tls-names.js';
import {
  dnsNames,
  generateNetworkMaterial,
  isSelfSigned,
  isSignedBy,
  organizationalUnits,
  parsedCertificate,
} from '../../src/crypto/index.js';

function specWith(organizations: Record<string, unknown>): NetworkSpec {
  return { apiVersion: 'netspec/v1', name: 'test', organizations } as unknown as NetworkSpec;
}

const twoOrgs = () =>
  specWith({
    ops: {
      mspId: 'OpsMSP',
      domain: 'ops.example.com',
      roles: ['operator'],
      msp: { directory: 'crypto/ops/msp' },
      orderers: [{ name: 'orderer0' }, { name: 'orderer1', host: 'o1.elsewhere.net' }],
    },
    org1: {
      mspId: 'Org1MSP',
      domain: 'org1.example.com',
      roles: ['participant'],
      msp: { directory: 'crypto/org1/msp' },
      peers: [{ name: 'peer0' }],
    },
  });

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

const cert = (path: string) => parsedCertificate(readFileSync(path));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-crypto-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('generateNetworkMaterial', () => {
  it('writes the cryptogen layout for every organization and reports exactly those files', async () => {
    const report = await generateNetworkMaterial(twoOrgs(), dir);
    const org1 = 'crypto/org1';
    const peer = `${org1}/peers/peer0.org1.example.com`;
    const admin = `${org1}/users/Admin@org1.example.com`;
    expect(listFiles(join(dir, org1))).toEqual(
      [
        'ca/ca.org1.example.com-cert.pem',
        'ca/priv_sk',
        'msp/cacerts/ca.org1.example.com-cert.pem',
        'msp/config.yaml',
        'msp/tlscacerts/tlsca.org1.example.com-cert.pem',
        'peers/peer0.org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem',
        'peers/peer0.org1.example.com/msp/config.yaml',
        'peers/peer0.org1.example.com/msp/keystore/priv_sk',
        'peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem',
        'peers/peer0.org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem',
        'peers/peer0.org1.example.com/tls/ca.crt',
        'peers/peer0.org1.example.com/tls/server.crt',
        'peers/peer0.org1.example.com/tls/server.key',
        'tlsca/priv_sk',
        'tlsca/tlsca.org1.example.com-cert.pem',
        'users/Admin@org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem',
        'users/Admin@org1.example.com/msp/config.yaml',
        'users/Admin@org1.example.com/msp/keystore/priv_sk',
        'users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem',
        'users/Admin@org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem',
        'users/Admin@org1.example.com/tls/ca.crt',
        'users/Admin@org1.example.com/tls/client.crt',
        'users/Admin@org1.example.com/tls/client.key',
      ].sort(),
    );
    expect(readdirSync(join(dir, org1, 'msp/admincerts'))).toEqual([]);
    expect(existsSync(join(dir, 'crypto/ops/orderers/orderer0.ops.example.com/tls/server.crt'))).toBe(true);
    expect(existsSync(join(dir, 'crypto/ops/orderers/o1.elsewhere.net/msp/signcerts/o1.elsewhere.net-cert.pem'))).toBe(
      true,
    );
    expect(readFileSync(join(dir, 'crypto/README.md'), 'utf8')).toContain('DEMO ONLY');
    expect(report.written).toContain(`${peer}/tls/server.key`);
    expect(report.written).toContain(`${admin}/msp/keystore/priv_sk`);
    expect(report.written.filter((path) => path.startsWith('crypto/'))).toEqual(report.written);
    expect(new Set(report.written).size).toBe(listFiles(join(dir, 'crypto')).length);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('makes self-signed P-256 CAs and leaves that chain to the right CA with the right OU', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    const org = join(dir, 'crypto/org1');
    const ca = cert(join(org, 'ca/ca.org1.example.com-cert.pem'));
    const tlsCa = cert(join(org, 'tlsca/tlsca.org1.example.com-cert.pem'));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('O=org1.example.com, CN=ca.org1.example.com');
    expect(tlsCa.subject).toBe('O=org1.example.com, CN=tlsca.org1.example.com');
    expect(isSelfSigned(ca)).toBe(true);
    expect(isSignedBy(ca, ca)).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(readFileSync(join(org, 'msp/cacerts/ca.org1.example.com-cert.pem'))).toEqual(
      readFileSync(join(org, 'ca/ca.org1.example.com-cert.pem')),
    );

    const admin = cert(join(org, 'users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem'));
    const peer = cert(join(org, 'peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem'));
    const orderer = cert(
      join(dir, 'crypto/ops/orderers/orderer0.ops.example.com/msp/signcerts/orderer0.ops.example.com-cert.pem'),
    );
    expect(organizationalUnits(admin)).toEqual(['admin']);
    expect(organizationalUnits(peer)).toEqual(['peer']);
    expect(organizationalUnits(orderer)).toEqual(['orderer']);
    expect(peer.subject).toContain('CN=peer0.org1.example.com');
    expect(admin.ca).toBe(false);
    expect(isSignedBy(admin, ca)).toBe(true);
    expect(isSignedBy(peer, ca)).toBe(true);
    expect(isSignedBy(peer, tlsCa)).toBe(false);
    const opsCa = cert(join(dir, 'crypto/ops/ca/ca.ops.example.com-cert.pem'));
    expect(isSignedBy(orderer, opsCa)).toBe(true);
    expect(isSignedBy(orderer, ca)).toBe(false);

    const peerTls = cert(join(org, 'peers/peer0.org1.example.com/tls/server.crt'));
    expect(isSignedBy(peerTls, tlsCa)).toBe(true);
    expect(isSignedBy(peerTls, ca)).toBe(false);
    expect(organizationalUnits(peerTls)).toEqual([]);
    expect(dnsNames(peerTls)).toEqual(['peer0.org1.example.com', 'peer0']);
    // Extended key usages: node's reading, as netspec itself does not read them.
    expect(new X509Certificate(peerTls.raw).keyUsage).toEqual(
      expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']),
    );
    const remoteTls = cert(join(dir, 'crypto/ops/orderers/o1.elsewhere.net/tls/server.crt'));
    expect(dnsNames(remoteTls)).toEqual(['o1.elsewhere.net', 'o1']);
  });

  it('issues node TLS certificates for the address other organizations dial, by exposure or explicit address', async () => {
    const spec = twoOrgs();
    const ops = spec.organizations.ops!;
    ops.kubernetes = { namespace: 'ordering', exposure: { mode: 'gateway', gateway: { name: 'edge' } } };
    ops.orderers = [{ name: 'orderer0', address: 'osn0.public.example.net:443' }, { name: 'orderer1' }];
    spec.organizations.org1!.kubernetes = { exposure: { mode: 'cluster' } };
    await generateNetworkMaterial(spec, dir, { tlsNames: nodeTlsNames(spec) });
    const tls = (path: string) => dnsNames(cert(join(dir, 'crypto', path, 'tls/server.crt')));
    expect(tls('ops/orderers/orderer0.ops.example.com')).toEqual([
      'orderer0.ops.example.com',
      'orderer0',
      'osn0.public.example.net',
      'orderer0.ordering',
      'orderer0.ordering.svc',
      'orderer0.ordering.svc.cluster.local',
    ]);
    expect(tls('org1/peers/peer0.org1.example.com')).toEqual([
      'peer0.org1.example.com',
      'peer0',
      'peer0.test-org1.svc.cluster.local',
      'peer0.test-org1',
      'peer0.test-org1.svc',
    ]);
  });

  it('signs with ECDSA SHA-256 and makes certificates valid for ten years from now', async () => {
    const now = new Date();
    await generateNetworkMaterial(twoOrgs(), dir, { now });
    const pem = readFileSync(
      join(dir, 'crypto/org1/peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem'),
    );
    const peer = new X509Certificate(pem);
    const years = (Date.parse(peer.validTo) - now.getTime()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(9.99);
    expect(years).toBeLessThan(10.01);
    expect(Date.parse(peer.validFrom)).toBeLessThanOrEqual(now.getTime());
    // ecdsa-with-SHA256 (1.2.840.10045.4.3.2) as the DER OID bytes, in both signatureAlgorithm fields.
    const oid = Buffer.from('06082a8648ce3d040302', 'hex');
    const der = peer.raw;
    const first = der.indexOf(oid);
    expect(first).toBeGreaterThan(0);
    expect(der.indexOf(oid, first + 1)).toBeGreaterThan(first);
  });

  it('writes private keys as PKCS#8 PEM with mode 0600, each matching its certificate', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    const org = join(dir, 'crypto/org1');
    const pairs: [string, string][] = [
      ['ca/ca.org1.example.com-cert.pem', 'ca/priv_sk'],
      ['tlsca/tlsca.org1.example.com-cert.pem', 'tlsca/priv_sk'],
      [
        'peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem',
        'peers/peer0.org1.example.com/msp/keystore/priv_sk',
      ],
      ['peers/peer0.org1.example.com/tls/server.crt', 'peers/peer0.org1.example.com/tls/server.key'],
      [
        'users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem',
        'users/Admin@org1.example.com/msp/keystore/priv_sk',
      ],
      ['users/Admin@org1.example.com/tls/client.crt', 'users/Admin@org1.example.com/tls/client.key'],
    ];
    const keys = pairs.map(([, key]) => readFileSync(join(org, key), 'utf8'));
    for (const [index, [certPath, keyPath]] of pairs.entries()) {
      expect(statSync(join(org, keyPath)).mode & 0o777).toBe(0o600);
      expect(statSync(join(org, certPath)).mode & 0o777).toBe(0o644);
      const keyPem = keys[index]!;
      expect(keyPem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
      expect(new X509Certificate(readFileSync(join(org, certPath))).checkPrivateKey(createPrivateKey(keyPem))).toBe(
        true,
      );
    }
    // Every key is its own: no two identities share a key pair.
    expect(new Set(keys).size).toBe(keys.length);
    // And none of them is in the org MSP, which channels publish.
    for (const file of listFiles(join(org, 'msp'))) {
      expect(readFileSync(join(org, 'msp', file), 'utf8')).not.toContain('PRIVATE KEY');
    }
  });

  it('writes msp/config.yaml in Fabric NodeOUs format naming the CA certificate', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    const expected = [
      'NodeOUs:',
      '  Enable: true',
      '  ClientOUIdentifier:',
      '    Certificate: cacerts/ca.org1.example.com-cert.pem',
      '    OrganizationalUnitIdentifier: client',
      '  PeerOUIdentifier:',
      '    Certificate: cacerts/ca.org1.example.com-cert.pem',
      '    OrganizationalUnitIdentifier: peer',
      '  AdminOUIdentifier:',
      '    Certificate: cacerts/ca.org1.example.com-cert.pem',
      '    OrganizationalUnitIdentifier: admin',
      '  OrdererOUIdentifier:',
      '    Certificate: cacerts/ca.org1.example.com-cert.pem',
      '    OrganizationalUnitIdentifier: orderer',
      '',
    ].join('\n');
    expect(readFileSync(join(dir, 'crypto/org1/msp/config.yaml'), 'utf8')).toBe(expected);
    expect(readFileSync(join(dir, 'crypto/org1/peers/peer0.org1.example.com/msp/config.yaml'), 'utf8')).toBe(expected);
  });

  it('keeps existing material on a second run and regenerates it only with force', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    const caPath = join(dir, 'crypto/org1/ca/ca.org1.example.com-cert.pem');
    const before = new Map(listFiles(join(dir, 'crypto')).map((f) => [f, readFileSync(join(dir, 'crypto', f))]));

    const again = await generateNetworkMaterial(twoOrgs(), dir);
    expect(again.written).toEqual([]);
    expect(again.kept).toEqual(['crypto/ops', 'crypto/org1']);
    const after = new Map(listFiles(join(dir, 'crypto')).map((f) => [f, readFileSync(join(dir, 'crypto', f))]));
    expect(after).toEqual(before);

    const forced = await generateNetworkMaterial(twoOrgs(), dir, { force: true });
    expect(forced.written.length).toBe(before.size);
    expect(readFileSync(caPath)).not.toEqual(before.get('org1/ca/ca.org1.example.com-cert.pem'));
    expect(listFiles(join(dir, 'crypto'))).toEqual([...before.keys()]);
    // No staging or set-aside folders are left behind.
    expect(readdirSync(join(dir, 'crypto')).sort()).toEqual(['.gitignore', 'README.md', 'ops', 'org1']);
  });

  it('gives a node added to the spec material signed by the existing CA, leaving the rest untouched', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    const caPem = readFileSync(join(dir, 'crypto/org1/ca/ca.org1.example.com-cert.pem'));
    const peer0Key = readFileSync(join(dir, 'crypto/org1/peers/peer0.org1.example.com/msp/keystore/priv_sk'));
    const grown = twoOrgs();
    grown.organizations.org1!.peers!.push({ name: 'peer1' });

    const report = await generateNetworkMaterial(grown, dir);
    const peer1 = 'crypto/org1/peers/peer1.org1.example.com';
    expect(report.written.every((path) => path.startsWith(`${peer1}/`))).toBe(true);
    expect(report.written).toHaveLength(8);
    expect(readFileSync(join(dir, 'crypto/org1/ca/ca.org1.example.com-cert.pem'))).toEqual(caPem);
    expect(readFileSync(join(dir, 'crypto/org1/peers/peer0.org1.example.com/msp/keystore/priv_sk'))).toEqual(peer0Key);
    const signcert = cert(join(dir, peer1, 'msp/signcerts/peer1.org1.example.com-cert.pem'));
    expect(isSignedBy(signcert, parsedCertificate(caPem))).toBe(true);
    const tlsCa = cert(join(dir, 'crypto/org1/tlsca/tlsca.org1.example.com-cert.pem'));
    expect(isSignedBy(cert(join(dir, peer1, 'tls/server.crt')), tlsCa)).toBe(true);
  });

  it('reports an organization whose CA key is gone instead of minting a second CA', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    rmSync(join(dir, 'crypto/org1/ca/priv_sk'));
    const grown = twoOrgs();
    grown.organizations.org1!.peers!.push({ name: 'peer1' });
    const report = await generateNetworkMaterial(grown, dir);
    expect(report.errors).toEqual([
      'crypto/org1: ca/ca.org1.example.com-cert.pem or ca/priv_sk is missing; rerun with --force to regenerate this organization',
    ]);
    expect(existsSync(join(dir, 'crypto/org1/peers/peer1.org1.example.com'))).toBe(false);
  });

  it('refuses a CA key that does not belong to the CA certificate', async () => {
    await generateNetworkMaterial(twoOrgs(), dir);
    copyFileSync(join(dir, 'crypto/org1/tlsca/priv_sk'), join(dir, 'crypto/org1/ca/priv_sk'));
    const grown = twoOrgs();
    grown.organizations.org1!.peers!.push({ name: 'peer1' });
    const report = await generateNetworkMaterial(grown, dir);
    expect(report.errors).toEqual([
      'crypto/org1: ca/priv_sk is not the key of ca/ca.org1.example.com-cert.pem; rerun with --force to regenerate this organization',
    ]);
  });

  it('warns when the spec points msp.directory somewhere else', async () => {
    const spec = twoOrgs();
    spec.organizations.org1!.msp.directory = 'certs/org1';
    const report = await generateNetworkMaterial(spec, dir);
    expect(report.warnings).toEqual([
      "organizations.org1.msp.directory is 'certs/org1', but the material is written to 'crypto/org1/msp'",
    ]);
  });
});
