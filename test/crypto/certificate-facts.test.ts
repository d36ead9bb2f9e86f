import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { x509 } from '../../src/crypto/_x509.js';
import { organizationalUnits } from '../../src/crypto/certificate-facts.js';
import { generateSigningKeyPair, SIGNING_ALGORITHM } from '../../src/crypto/key-pair.js';
import { parsedCertificate } from '../../src/crypto/parsed-certificates.js';
import type { Certificate } from '../../src/crypto/read-certificate.js';
import { repoRoot } from '../helpers/run-cli.js';

const ADMIN_CERT = join(
  repoRoot,
  'networks/supply-chain/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp/signcerts/Admin@manufacturer.supply.example.com-cert.pem',
);
const CA_CERT = join(
  repoRoot,
  'networks/supply-chain/crypto/manufacturer/ca/ca.manufacturer.supply.example.com-cert.pem',
);

// DER by hand, so the test chooses each attribute's string type and how RDNs group them.
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const OU = Buffer.from([0x55, 0x04, 0x0b]);
const O = Buffer.from([0x55, 0x04, 0x0a]);
const CN = Buffer.from([0x55, 0x04, 0x03]);
const attribute = (type: Buffer, tag: number, value: Buffer) =>
  tlv(0x30, Buffer.concat([tlv(0x06, type), tlv(tag, value)]));
/** A SET OF in DER order: encodings sorted. */
const rdn = (...attributes: Buffer[]) => tlv(0x31, Buffer.concat([...attributes].sort(Buffer.compare)));
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bmp = (text: string) => Buffer.from(text, 'utf16le').swap16();
const UTF8 = 0x0c;
const PRINTABLE = 0x13;
const T61 = 0x14;
const BMP = 0x1e;
const UNIVERSAL = 0x1c;

async function certificateWithSubject(subject: Buffer): Promise<Certificate> {
  const keys = await generateSigningKeyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: new x509.Name(subject),
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2034-01-01T00:00:00Z'),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
  });
  return parsedCertificate(certificate.toString('pem'));
}

describe('organizationalUnits', () => {
  it('reads the NodeOU of a cryptogen-style admin, and none of a CA', () => {
    expect(organizationalUnits(parsedCertificate(readFileSync(ADMIN_CERT)))).toEqual(['admin']);
    expect(organizationalUnits(parsedCertificate(readFileSync(CA_CERT)))).toEqual([]);
  });

  it('reads every OU in order: multi-valued RDNs, quoting characters, and each string type Go reads', async () => {
    const subject = tlv(
      0x30,
      Buffer.concat([
        rdn(attribute(O, UTF8, utf8('Acme, Inc.'))),
        rdn(attribute(OU, PRINTABLE, utf8('admin'))),
        // One RDN with two OUs and a CN: OpenSSL prints it as "OU=eu+1 + OU=peer + CN=x".
        rdn(attribute(OU, UTF8, utf8('peer')), attribute(OU, UTF8, utf8('eu+1')), attribute(CN, UTF8, utf8('x'))),
        rdn(attribute(OU, UTF8, utf8('a=1, b\\2 "q"\nline 2'))),
        // BMPString with a NUL terminator, which Go drops.
        rdn(attribute(OU, BMP, Buffer.concat([bmp('Zürich 管理'), Buffer.alloc(2)]))),
        rdn(attribute(OU, T61, Buffer.from('Genève', 'latin1'))),
        // UniversalString: Go refuses it in a name, so Fabric never sees this value.
        rdn(attribute(OU, UNIVERSAL, Buffer.from([0, 0, 0, 0x61]))),
        rdn(attribute(CN, UTF8, utf8('Admin@acme.example.com'))),
      ]),
    );
    const certificate = await certificateWithSubject(subject);
    expect(organizationalUnits(certificate)).toEqual([
      'admin',
      'eu+1',
      'peer',
      'a=1, b\\2 "q"\nline 2',
      'Zürich 管理',
      'Genève',
    ]);
  });

  it('leaves node:tls whole (reading OUs once broke every later HTTPS request of the process)', () => {
    // A fresh process: this test runner has loaded node:tls long ago. The module as built is what the CLI runs.
    const built = pathToFileURL(join(repoRoot, 'dist/crypto/certificate-facts.js')).href;
    const reader = pathToFileURL(join(repoRoot, 'dist/crypto/parsed-certificates.js')).href;
    const script = `
      import { readFileSync } from 'node:fs';
      const { organizationalUnits } = await import(${JSON.stringify(built)});
      const { parsedCertificate } = await import(${JSON.stringify(reader)});
      const units = organizationalUnits(parsedCertificate(readFileSync(${JSON.stringify(ADMIN_CERT)})));
      const tls = await import('node:tls');
      tls.createSecureContext({});
      process.stdout.write(JSON.stringify({ units, createSecureContext: typeof tls.createSecureContext }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ units: ['admin'], createSecureContext: 'function' });
  });
});
