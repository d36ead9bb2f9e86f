import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainsTo, generateNetworkMaterial, loadCertificate, parseCertificatePem } from '../../src/crypto/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-certs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadCertificate', () => {
  it('tells a missing file from one that is not a certificate', () => {
    const missing = loadCertificate(join(dir, 'nope.pem'));
    expect(missing).toMatchObject({ ok: false, reason: 'missing' });

    writeFileSync(join(dir, 'text.pem'), 'hello');
    expect(loadCertificate(join(dir, 'text.pem'))).toMatchObject({ ok: false, reason: 'invalid' });

    writeFileSync(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const broken = loadCertificate(join(dir, 'broken.pem'));
    expect(broken).toMatchObject({ ok: false, reason: 'invalid' });
    if (!broken.ok) expect(broken.message).toContain('does not parse as X.509');

    expect(loadCertificate(dir)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('refuses a private key where a certificate belongs, without echoing it', async () => {
    await generateNetworkMaterial(
      { organizations: { a: { domain: 'a.example.com', msp: {}, peers: [] } } } as never,
      dir,
    );
    const keyFile = join(dir, 'crypto/a/ca/priv_sk');
    const result = loadCertificate(keyFile);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (!result.ok) expect(result.message).not.toContain(readFileSync(keyFile, 'utf8').split('\n')[1]);
  });

  it('parses generated certificates and follows chains only to the issuing CA', async () => {
    await generateNetworkMaterial(
      {
        organizations: {
          a: { domain: 'a.example.com', msp: {}, peers: [] },
          b: { domain: 'b.example.com', msp: {}, peers: [] },
        },
      } as never,
      dir,
    );
    const load = (path: string) => {
      const result = loadCertificate(join(dir, path));
      if (!result.ok) throw new Error(result.message);
      return result.certificate;
    };
    const admin = load('crypto/a/users/Admin@a.example.com/msp/signcerts/Admin@a.example.com-cert.pem');
    const caA = load('crypto/a/msp/cacerts/ca.a.example.com-cert.pem');
    const caB = load('crypto/b/msp/cacerts/ca.b.example.com-cert.pem');
    expect(chainsTo(admin, [caA])).toBe(true);
    expect(chainsTo(admin, [caB])).toBe(false);
    expect(chainsTo(admin, [caB, caA])).toBe(true);
    // An unrelated "intermediate" does not create a path.
    expect(chainsTo(admin, [caB], [caA])).toBe(false);
  });

  it('names the origin when the text holds no certificate block', () => {
    expect(parseCertificatePem('', 'x')).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: 'x holds no PEM CERTIFICATE block',
    });
  });
});
