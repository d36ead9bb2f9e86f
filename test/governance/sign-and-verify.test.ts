// Signing a real bundle and verifying it: policies satisfied by the right admins, waiting with the right orgs,
// signatures that node:crypto verifies on its own (DER, low-S), refusals before signing.
import { createPublicKey, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/compiler/fabric/index.js';
import { P256_ORDER, type VerifyReport } from '../../src/governance/index.js';
import { adminFiles, issueIdentity, type Org, signExample, verifyExample, writeExampleBundle } from './_fixtures.js';

/** The org's admin signs in a process of its own; the files are in the bundle when it returns. */
function sign(bundleDir: string, org: Org) {
  const result = signExample(bundleDir, adminFiles(org));
  expect(result.errors).toEqual([]);
  return result;
}

function update(report: VerifyReport, channel: string) {
  const found = report.updates.find((u) => u.channel === channel);
  if (!found) throw new Error(`no verdict for ${channel}`);
  return found;
}

describe('sign and verify a bundle', () => {
  it('an unsigned bundle waits for every org its policies name', () => {
    const report = verifyExample(writeExampleBundle());
    expect(report.status).toBe('waiting');
    const distribution = update(report, 'distribution');
    expect(distribution.status).toBe('waiting');
    expect(distribution.requirements).toEqual([
      expect.objectContaining({
        policyPath: '/Channel/Application/Admins',
        satisfied: false,
        signedBy: [],
        waitingFor: ['DistributorMSP', 'ManufacturerMSP'],
        progress: '0 of 2: waiting for DistributorMSP, ManufacturerMSP',
      }),
    ]);
    expect(update(report, 'production').requirements[0]?.waitingFor).toEqual(['OperatorMSP']);
  });

  it('signs only the updates the org counts towards, one file per channel', () => {
    const bundle = writeExampleBundle();
    const result = sign(bundle, 'distributor');
    expect([...result.files.keys()]).toEqual(['signatures/distribution/DistributorMSP.json']);
    const operator = sign(bundle, 'operator');
    expect([...operator.files.keys()]).toEqual(['signatures/production/OperatorMSP.json']);
  });

  it('one org of two: waiting for the other, with who signed', () => {
    const bundle = writeExampleBundle();
    sign(bundle, 'distributor');
    const distribution = update(verifyExample(bundle), 'distribution');
    expect(distribution.status).toBe('waiting');
    expect(distribution.signatures).toEqual([
      { source: 'signatures/distribution/DistributorMSP.json', mspId: 'DistributorMSP', valid: true, admin: true },
    ]);
    expect(distribution.requirements[0]).toMatchObject({
      satisfied: false,
      signedBy: ['DistributorMSP'],
      waitingFor: ['ManufacturerMSP'],
      progress: '1 of 2: waiting for ManufacturerMSP',
    });
  });

  it('two orgs sign: MAJORITY of 2 (2 of 2) is satisfied; with the operator the whole bundle is', () => {
    const bundle = writeExampleBundle();
    sign(bundle, 'distributor');
    sign(bundle, 'manufacturer');
    const report = verifyExample(bundle);
    expect(update(report, 'distribution')).toMatchObject({
      status: 'satisfied',
      problems: [],
      requirements: [{ satisfied: true, signedBy: ['DistributorMSP', 'ManufacturerMSP'], waitingFor: [] }],
    });
    expect(report.status).toBe('waiting');
    sign(bundle, 'operator');
    expect(verifyExample(bundle).status).toBe('satisfied');
  });

  it('writes a ConfigSignature that node:crypto verifies on its own: DER, low-S, over header || update.pb', () => {
    const bundle = writeExampleBundle();
    sign(bundle, 'manufacturer');
    const file = JSON.parse(readFileSync(join(bundle, 'signatures/distribution/ManufacturerMSP.json'), 'utf8'));
    const update = readFileSync(join(bundle, 'fabric/distribution/update.pb'));
    const header = Buffer.from(file.signatureHeader, 'base64');
    const signature = Buffer.from(file.signature, 'base64');
    const certPem = readFileSync(adminFiles('manufacturer').certFile, 'utf8');

    expect(Object.keys(file)).toEqual(['mspId', 'signer', 'signedAt', 'updateSha256', 'signatureHeader', 'signature']);
    expect(file.mspId).toBe('ManufacturerMSP');
    expect(file.signer).toContain('CN=Admin@manufacturer.supply.example.com');
    expect(file.updateSha256).toBe(
      JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8')).channels[1].artifactHash,
    );

    // The header: SerializedIdentity{mspid, id_bytes = the PEM cert} and a 24-byte nonce.
    const decoded = decode('common.SignatureHeader', header).value!;
    expect((decoded.nonce as Uint8Array).length).toBe(24);
    const creator = decode('msp.SerializedIdentity', decoded.creator as Uint8Array).value!;
    expect(creator.mspid).toBe('ManufacturerMSP');
    expect(new X509Certificate(Buffer.from(creator.id_bytes as Uint8Array)).raw).toEqual(
      new X509Certificate(certPem).raw,
    );

    // DER SEQUENCE{INTEGER r, INTEGER s}, decoded here by hand; s in the lower half of the order.
    expect(signature[0]).toBe(0x30);
    expect(signature[1]).toBe(signature.length - 2);
    expect(signature[2]).toBe(0x02);
    const rLength = signature[3]!;
    expect(signature[4 + rLength]).toBe(0x02);
    const sLength = signature[5 + rLength]!;
    expect(6 + rLength + sLength).toBe(signature.length);
    const s = BigInt(`0x${signature.subarray(6 + rLength).toString('hex')}`);
    expect(s <= P256_ORDER / 2n).toBe(true);

    const key = createPublicKey(certPem);
    expect(cryptoVerify('sha256', Buffer.concat([header, update]), { key, dsaEncoding: 'der' }, signature)).toBe(true);
    const otherUpdate = readFileSync(join(bundle, 'fabric/production/update.pb'));
    expect(cryptoVerify('sha256', Buffer.concat([header, otherUpdate]), { key, dsaEncoding: 'der' }, signature)).toBe(
      false,
    );
  });

  it('refuses to sign for an org no update needs, and with a non-admin identity', async () => {
    const bundle = writeExampleBundle();
    const retailer = signExample(bundle, adminFiles('retailer'));
    expect(retailer.errors).toEqual([
      'error NS_SIGNER_NOT_NEEDED no update in this bundle needs a signature of RetailerMSP',
    ]);
    const client = await issueIdentity('distributor', { ou: 'client' });
    const refused = signExample(bundle, client);
    expect(refused.files.size).toBe(0);
    expect(refused.errors[0]).toMatch(
      /^error NS_SIGNER_NOT_ADMIN distribution: the certificate satisfies none of the principals .*DistributorMSP\.admin/,
    );
  });

  it('refuses to sign with a certificate of another MSP under this MSP id', () => {
    const bundle = writeExampleBundle();
    const result = signExample(bundle, { ...adminFiles('manufacturer'), mspId: 'DistributorMSP' });
    expect(result.files.size).toBe(0);
    expect(result.errors).toEqual([
      "error NS_SIGNER_NOT_MEMBER distribution: the certificate is not a valid DistributorMSP identity: the certificate does not chain to DistributorMSP's CA in the current channel config",
    ]);
  });

  it('refuses to sign update bytes that no longer match plan.json', () => {
    const bundle = writeExampleBundle();
    const file = join(bundle, 'fabric/distribution/update.pb');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const result = signExample(bundle, adminFiles('distributor'));
    expect(result.files.size).toBe(0);
    expect(result.errors).toEqual([
      'the bundle does not verify: not signing it',
      `${file}:1:1 error NS_BUNDLE_TAMPERED fabric/distribution/update.pb differs from the SHA-256 plan.json lists (tampered?)`,
    ]);
  });
});
