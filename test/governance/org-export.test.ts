import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportOrganization } from '../../src/governance/org-export/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const crypto = (org: string) => join(repoRoot, 'networks/supply-chain/crypto', org);

/** A copy of the retailer's DEMO-ONLY MSP folder, to add things to. */
function retailerMsp(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'netspec-org-export-')), 'msp');
  cpSync(join(crypto('retailer'), 'msp'), dir, { recursive: true });
  return dir;
}

const codes = (result: ReturnType<typeof exportOrganization>) =>
  result.diagnostics.map((d) => `${d.code} ${d.ranges[0]?.file.split('/msp/')[1] ?? ''}`);

describe('exportOrganization', () => {
  it('exports the stanza and exactly the org certificates, skipping identity material with a notice', () => {
    const dir = retailerMsp();
    mkdirSync(join(dir, 'keystore'));
    writeFileSync(join(dir, 'keystore/priv_sk'), readFileSync(join(crypto('retailer'), 'ca/priv_sk')));
    const result = exportOrganization({ mspDir: dir, mspId: 'RetailerMSP' });
    expect(result.diagnostics).toEqual([]);
    const files = result.value?.files;
    expect([...(files?.keys() ?? [])].sort()).toEqual([
      'msp/cacerts/ca.retailer.supply.example.com-cert.pem',
      'msp/config.yaml',
      'msp/tlscacerts/tlsca.retailer.supply.example.com-cert.pem',
      'organization.yaml',
    ]);
    expect(Buffer.from(files?.get('msp/cacerts/ca.retailer.supply.example.com-cert.pem') ?? [])).toEqual(
      readFileSync(join(dir, 'cacerts/ca.retailer.supply.example.com-cert.pem')),
    );
    for (const bytes of files?.values() ?? []) expect(Buffer.from(bytes).toString()).not.toContain('PRIVATE KEY');
    expect(result.value?.notices).toContain(
      'skipped keystore/: identity material (private keys), not part of an organization definition',
    );
    const stanza = parse(Buffer.from(files?.get('organization.yaml') ?? []).toString());
    expect(stanza).toEqual({
      retailer: {
        mspId: 'RetailerMSP',
        domain: 'retailer.supply.example.com',
        roles: ['participant'],
        msp: { directory: 'msp' },
        approvers: [],
      },
    });
  });

  it('refuses a private key placed among the certificates, naming the file only', () => {
    const dir = retailerMsp();
    writeFileSync(join(dir, 'cacerts/key.pem'), readFileSync(join(crypto('retailer'), 'ca/priv_sk')));
    const result = exportOrganization({ mspDir: dir, mspId: 'RetailerMSP' });
    expect(result.value).toBeUndefined();
    expect(codes(result)).toEqual(['NS_MSP_PRIVATE_KEY cacerts/key.pem']);
    expect(result.diagnostics[0]?.message).toBe('cacerts/key.pem holds a private key: it is not exported');
  });

  it('rejects an admin certificate of another org, a non-CA root, a broken PEM and config.yaml naming a missing file', () => {
    const dir = retailerMsp();
    const distributorCa = readFileSync(
      join(crypto('distributor'), 'msp/cacerts/ca.distributor.supply.example.com-cert.pem'),
    );
    // git keeps no empty folders: a fresh clone's MSP has no admincerts/ until something goes in it.
    mkdirSync(join(dir, 'admincerts'), { recursive: true });
    writeFileSync(join(dir, 'admincerts/other-admin.pem'), distributorCa);
    writeFileSync(
      join(dir, 'tlscacerts/garbage.pem'),
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    );
    const config = readFileSync(join(dir, 'config.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'config.yaml'),
      config.replace(
        'PeerOUIdentifier:\n    Certificate: cacerts/',
        'PeerOUIdentifier:\n    Certificate: cacerts/missing-',
      ),
    );
    const result = exportOrganization({ mspDir: dir, mspId: 'RetailerMSP' });
    expect(result.value).toBeUndefined();
    expect(codes(result).sort()).toEqual([
      'NS_CERT_CHAIN admincerts/other-admin.pem',
      'NS_CERT_INVALID tlscacerts/garbage.pem',
      'NS_MSP_INCOMPLETE config.yaml',
    ]);
  });

  it('needs cacerts, and a domain when the CA does not name one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'netspec-org-export-')), 'msp');
    mkdirSync(join(dir, 'tlscacerts'), { recursive: true });
    cpSync(join(crypto('retailer'), 'msp/tlscacerts'), join(dir, 'tlscacerts'), { recursive: true });
    const result = exportOrganization({ mspDir: dir, mspId: 'RetailerMSP' });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'the MSP has no cacerts/ certificate',
      'no --domain given and the CA certificate does not name one (CN=ca.<domain>)',
    ]);
  });
});
