// The hand reader against node:crypto's X509Certificate (OpenSSL) and @peculiar/x509 on every certificate the
// repository holds (netspec's development material, and the certificates inside the blocks and envelopes recorded
// from a real Fabric 2.5.9 network), then on hand-made edge cases each of them reads differently or not at all.
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { x509 } from '../../src/crypto/_x509.js';
import { isSelfSigned, isSignedBy } from '../../src/crypto/certificate-facts.js';
import { generateSigningKeyPair, SIGNING_ALGORITHM } from '../../src/crypto/key-pair.js';
import { parsedCertificate } from '../../src/crypto/parsed-certificates.js';
import { CertificateFormatError, readCertificate } from '../../src/crypto/read-certificate.js';
import { repoRoot } from '../helpers/run-cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every distinct PEM certificate in the repository's fixtures and example networks, wherever it is embedded. */
function repositoryCertificates(): { origin: string; der: Buffer }[] {
  const found = new Map<string, { origin: string; der: Buffer }>();
  const roots = [join(repoRoot, 'test/fixtures'), ...['networks'].map((d) => join(repoRoot, d))];
  for (const file of roots.flatMap(filesUnder)) {
    const text = readFileSync(file).toString('latin1');
    for (const match of text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s\\n]+?)-----END CERTIFICATE-----/g)) {
      // Inside JSON the line breaks are written as \n.
      const der = Buffer.from(match[1]!.replace(/\\n/g, '').replace(/\s+/g, ''), 'base64');
      found.set(der.toString('base64'), { origin: file.slice(repoRoot.length), der });
    }
  }
  return [...found.values()];
}

const corpus = repositoryCertificates();

/** node's subjectAltName text ("DNS:a, IP Address:1.2.3.4") split by kind. */
function sansOf(node: X509Certificate): { dns: string[]; ip: string[] } {
  const entries = (node.subjectAltName ?? '').split(', ').filter(Boolean);
  return {
    dns: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)),
    ip: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)),
  };
}

describe('readCertificate on the repository certificates', () => {
  it('finds a corpus worth checking, Fabric-issued certificates included', () => {
    expect(corpus.length).toBeGreaterThan(60);
    expect(corpus.some((c) => c.origin.includes('fabric-live'))).toBe(true);
  });

  it('reads every field as node:crypto and @peculiar/x509 read it', () => {
    for (const { origin, der } of corpus) {
      const node = new X509Certificate(der);
      const peculiar = new x509.X509Certificate(der);
      const mine = readCertificate(der);
      const where = `${origin}: ${node.subject.replace(/\n/g, ', ')}`;
      expect(mine.raw.equals(node.raw), where).toBe(true);
      expect(mine.subject, where).toBe(node.subject.split('\n').join(', '));
      expect(mine.issuer, where).toBe(node.issuer.split('\n').join(', '));
      expect(mine.subjectDer.equals(Buffer.from(peculiar.subjectName.toArrayBuffer())), where).toBe(true);
      expect(mine.issuerDer.equals(Buffer.from(peculiar.issuerName.toArrayBuffer())), where).toBe(true);
      expect(mine.serialNumber, where).toBe(BigInt(`0x${node.serialNumber}`));
      expect(mine.notBefore, where).toBe(Date.parse(node.validFrom));
      expect(mine.notAfter, where).toBe(Date.parse(node.validTo));
      expect(mine.ca, where).toBe(node.ca);
      expect(mine.spki.equals(node.publicKey.export({ type: 'spki', format: 'der' })), where).toBe(true);
      expect(mine.publicKey.equals(node.publicKey), where).toBe(true);
      expect(mine.signature.equals(Buffer.from(peculiar.signature)), where).toBe(true);
      // The signed bytes and the signature fields tile the certificate after its outer header (whose signature is
      // checked against OpenSSL's verdict below).
      const header = der.length - mine.tbs.length - mine.signatureAlgorithmField.length - mine.signatureField.length;
      expect(
        der.subarray(header).equals(Buffer.concat([mine.tbs, mine.signatureAlgorithmField, mine.signatureField])),
        where,
      ).toBe(true);
      expect(mine.tbs[0], where).toBe(0x30);
      expect(mine.signatureAlgorithm, where).toBe('1.2.840.10045.4.3.2');
      const sans = sansOf(node);
      expect(mine.dnsNames, where).toEqual(sans.dns);
      expect(mine.ipAddresses, where).toEqual(sans.ip);
      const usage = peculiar.getExtension(x509.KeyUsagesExtension);
      expect(mine.keyUsage, where).toBe(usage ? usage.usages : 0);
      expect(mine.basicConstraintsValid, where).toBe(peculiar.getExtension(x509.BasicConstraintsExtension) !== null);
      const ski = peculiar.getExtension(x509.SubjectKeyIdentifierExtension);
      expect(mine.subjectKeyId?.toString('hex'), where).toBe(ski?.keyId);
      expect([...mine.extensions.keys()], where).toEqual(peculiar.extensions.map((e) => e.type));
      for (const extension of peculiar.extensions)
        expect(mine.extensions.get(extension.type)?.equals(Buffer.from(extension.value)), where).toBe(true);
      const aki = peculiar.getExtension(x509.AuthorityKeyIdentifierExtension);
      expect(mine.authorityKeyId?.toString('hex'), where).toBe(aki?.keyId);
    }
  });

  it('finds the same issuers as OpenSSL, pair by pair', () => {
    const nodes = corpus.map(({ der }) => new X509Certificate(der));
    const mine = corpus.map(({ der }) => readCertificate(der));
    const cas = nodes.map((node, index) => ({ node, mine: mine[index]! })).filter(({ node }) => node.ca);
    let issued = 0;
    nodes.forEach((node, index) => {
      for (const ca of cas) {
        const openssl = node.checkIssued(ca.node) && node.verify(ca.node.publicKey);
        expect(isSignedBy(mine[index]!, ca.mine), `${node.subject} by ${ca.node.subject}`).toBe(openssl);
        if (openssl) issued++;
      }
    });
    expect(issued).toBeGreaterThan(corpus.length - cas.length);
    for (const ca of cas) expect(isSelfSigned(ca.mine)).toBe(ca.node.verify(ca.node.publicKey));
  });
});

// DER by hand for names, so the test chooses each attribute's string type.
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const oid = (...bytes: number[]) => Buffer.from(bytes);
const attribute = (type: Buffer, tag: number, value: Buffer) =>
  tlv(0x30, Buffer.concat([tlv(0x06, type), tlv(tag, value)]));
const rdn = (...attributes: Buffer[]) => tlv(0x31, Buffer.concat([...attributes].sort(Buffer.compare)));

interface Made {
  pem: string;
  der: Buffer;
}

async function makeCertificate(options: {
  subject?: Buffer;
  notBefore?: Date;
  notAfter?: Date;
  extensions?: x509.Extension[];
}): Promise<Made> {
  const keys = await generateSigningKeyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '00ff01',
    name: options.subject ? new x509.Name(options.subject) : 'CN=edge.example.com, O=Edge',
    notBefore: options.notBefore ?? new Date('2024-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2034-01-01T00:00:00Z'),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: options.extensions ?? [],
  });
  return { pem: certificate.toString('pem'), der: Buffer.from(certificate.rawData) };
}

describe('readCertificate on hand-made certificates', () => {
  it('reads GeneralizedTime after 2049 and UTCTime before it, as RFC 5280 splits them', async () => {
    const made = await makeCertificate({
      notBefore: new Date('2049-12-31T23:59:59Z'),
      notAfter: new Date('2051-06-15T12:30:45Z'),
    });
    expect(made.der.includes(Buffer.from('491231235959Z'))).toBe(true); // UTCTime
    expect(made.der.includes(Buffer.from('20510615123045Z'))).toBe(true); // GeneralizedTime
    const mine = readCertificate(made.der);
    expect(new Date(mine.notBefore).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(new Date(mine.notAfter).toISOString()).toBe('2051-06-15T12:30:45.000Z');
    const node = new X509Certificate(made.der);
    expect(mine.notAfter).toBe(Date.parse(node.validTo));
  });

  it('reads a certificate without extensions: no CA, no key usage, no key identifiers, no names', async () => {
    const mine = readCertificate((await makeCertificate({})).der);
    expect(mine).toMatchObject({
      basicConstraintsValid: false,
      ca: false,
      keyUsage: 0,
      subjectKeyId: undefined,
      authorityKeyId: undefined,
      dnsNames: [],
      ipAddresses: [],
      organizationalUnits: [],
      serialNumber: 0xff01n,
    });
  });

  it('reads SANs (DNS, IPv4, IPv6), key usage and basic constraints as node and Go do', async () => {
    const made = await makeCertificate({
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'orderer0.example.com' },
          { type: 'ip', value: '10.0.0.7' },
          { type: 'ip', value: '2001:db8::1' },
          { type: 'email', value: 'ops@example.com' },
        ]),
      ],
    });
    const mine = readCertificate(made.der);
    const node = new X509Certificate(made.der);
    expect(mine.ca).toBe(true);
    expect(mine.keyUsage).toBe(32 | 64);
    expect(mine.dnsNames).toEqual(['orderer0.example.com']);
    expect(mine.ipAddresses).toEqual(sansOf(node).ip);
    expect(mine.ipAddresses).toEqual(['10.0.0.7', '2001:DB8:0:0:0:0:0:1']);
  });

  it('prints names as node:crypto does: escapes, multi-valued RDNs, string types, unknown attributes', async () => {
    const subject = tlv(
      0x30,
      Buffer.concat([
        rdn(attribute(oid(0x55, 0x04, 0x06), 0x13, Buffer.from('DE'))),
        rdn(attribute(oid(0x55, 0x04, 0x0a), 0x0c, Buffer.from('Acme, Inc. <"q">; a+b\\c'))),
        rdn(attribute(oid(0x55, 0x04, 0x0b), 0x0c, Buffer.from('#lead and trail '))),
        rdn(
          attribute(oid(0x55, 0x04, 0x0b), 0x0c, Buffer.from(' peer')),
          attribute(oid(0x55, 0x04, 0x03), 0x0c, Buffer.from('x')),
        ),
        rdn(attribute(oid(0x55, 0x04, 0x07), 0x0c, Buffer.from('Zürich 管理\nline'))),
        rdn(attribute(oid(0x55, 0x04, 0x08), 0x1e, Buffer.from('Genève', 'utf16le').swap16())),
        rdn(attribute(oid(0x55, 0x04, 0x09), 0x14, Buffer.from('Straße', 'latin1'))),
        rdn(attribute(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01), 0x16, Buffer.from('a@b.example'))),
        rdn(attribute(oid(0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19), 0x16, Buffer.from('example'))),
        rdn(attribute(oid(0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c), 0x0c, Buffer.from('unknown type'))),
      ]),
    );
    const made = await makeCertificate({ subject });
    const node = new X509Certificate(made.der);
    const mine = readCertificate(made.der);
    expect(mine.subject).toBe(node.subject.split('\n').join(', '));
    expect(mine.organizationalUnits).toEqual(['#lead and trail ', ' peer']);
  });

  it('refuses malformed DER with the reason, never a half-read certificate', async () => {
    const { der } = await makeCertificate({});
    const refused = (bytes: Buffer) => {
      try {
        readCertificate(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(CertificateFormatError);
        return (error as Error).message;
      }
      return 'read';
    };
    expect(refused(der.subarray(0, der.length - 10))).toMatch(/^malformed certificate: DER element overruns/);
    expect(refused(Buffer.concat([der, Buffer.from([0])]))).toBe(
      'malformed certificate: 1 bytes follow the certificate',
    );
    expect(refused(Buffer.from([0x04, 0x01, 0x00]))).toBe('malformed certificate: it is not a SEQUENCE');
    expect(refused(Buffer.alloc(0))).toBe('malformed certificate: malformed DER');

    const badMonth = Buffer.from(der);
    badMonth.write('241301000000Z', der.indexOf('240101000000Z'), 'latin1');
    expect(refused(badMonth)).toBe("malformed certificate: validity time '241301000000Z' is not a date");

    // The signed copy of the signature algorithm says SHA-384, the outer one SHA-256.
    const ecdsaSha256 = Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);
    const mismatch = Buffer.from(der);
    mismatch[der.indexOf(ecdsaSha256) + ecdsaSha256.length - 1] = 0x03;
    expect(refused(mismatch)).toBe('malformed certificate: the signed and the outer signature algorithms differ');

    const twice = await makeCertificate({
      extensions: [new x509.BasicConstraintsExtension(false), new x509.BasicConstraintsExtension(false)],
    });
    expect(refused(twice.der)).toBe('malformed certificate: extension 2.5.29.19 appears twice');
  });

  it('reads PEM text and DER of one certificate once per process, into a value no reader can change', async () => {
    const made = await makeCertificate({
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'a.example' }])],
    });
    const given = Buffer.from(made.der);
    const fromDer = parsedCertificate(given);
    given.fill(0);
    expect(fromDer.raw.equals(made.der)).toBe(true);
    expect(Object.isFrozen(fromDer)).toBe(true);
    expect(() => (fromDer.dnsNames as string[]).push('evil.example')).toThrow(TypeError);
    expect(() => (fromDer.organizationalUnits as string[]).push('admin')).toThrow(TypeError);
    const fromPem = parsedCertificate(made.pem);
    expect(parsedCertificate(made.der)).toBe(fromPem);
    expect(parsedCertificate(Buffer.from(made.pem))).toBe(fromPem);
    expect(() => parsedCertificate('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----')).toThrow(
      'the PEM CERTIFICATE block is not base64',
    );
    expect(() => parsedCertificate('no pem here')).toThrow('no PEM CERTIFICATE block');
  });
});
