import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnostic, positionOf } from '../../../../src/compiler/diagnostics/index.js';
import type { NetworkSpec } from '../../../../src/compiler/model/spec.js';
import { parseYaml } from '../../../../src/compiler/parse/index.js';
import { createRuleContext } from '../../../../src/compiler/validate/rule-context.js';
import { certificatesValid } from '../../../../src/compiler/validate/rules/certificates-valid.js';
import { generateNetworkMaterial } from '../../../../src/crypto/index.js';

let dir: string;

const ADMIN1 = 'crypto/org1/users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem';
const ADMIN2 = 'crypto/org2/users/Admin@org2.example.com/msp/signcerts/Admin@org2.example.com-cert.pem';
const PEER1 = 'crypto/org1/peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem';
const CA1 = 'crypto/org1/msp/cacerts/ca.org1.example.com-cert.pem';
const TLSCA1 = 'crypto/org1/msp/tlscacerts/tlsca.org1.example.com-cert.pem';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-cert-rule-'));
  const organizations = Object.fromEntries(
    ['org1', 'org2'].map((org) => [org, { domain: `${org}.example.com`, msp: {}, peers: [{ name: 'peer0' }] }]),
  );
  await generateNetworkMaterial({ organizations } as unknown as NetworkSpec, dir);
  // An MSP folder without TLS CA certificates, and a file that is not a certificate.
  mkdirSync(join(dir, 'broken/cacerts'), { recursive: true });
  copyFileSync(join(dir, CA1), join(dir, 'broken/cacerts/ca.pem'));
  writeFileSync(join(dir, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the rule on a spec whose organization `org1` has the given `msp:` block (and orderers block). */
function check(mspBlock: string, extra = ''): string[] {
  const text = [
    'apiVersion: netspec/v1',
    'name: certs',
    'organizations:',
    '  org1:',
    '    mspId: Org1MSP',
    '    domain: org1.example.com',
    '    roles: [participant]',
    '    msp:',
    ...mspBlock.split('\n').map((line) => `      ${line}`),
    extra,
  ].join('\n');
  const file = join(dir, 'network.yaml');
  writeFileSync(file, text);
  const parsed = parseYaml(file, text).value!;
  const diagnostics: Diagnostic[] = [];
  certificatesValid(createRuleContext(parsed.data as NetworkSpec, parsed, dir, diagnostics));
  return diagnostics.map((d) => {
    const at = positionOf(text, d.ranges[0]!.start);
    return `${at.line}:${at.column} ${d.code} ${d.message}`;
  });
}

describe('certificatesValid', () => {
  it('accepts generated material through msp.directory and an admin identity', () => {
    expect(check(`directory: crypto/org1/msp\nadminIdentity: ${ADMIN1}`)).toEqual([]);
  });

  it('accepts explicit CA files and admin certs', () => {
    expect(check(`caCerts: [${CA1}]\ntlsCaCerts: [${TLSCA1}]\nadminCerts: [${ADMIN1}]`)).toEqual([]);
  });

  it('reports a missing MSP folder at msp.directory', () => {
    expect(check('directory: crypto/nowhere/msp')).toEqual([
      "9:18 NS_CERT_MISSING MSP folder 'crypto/nowhere/msp' of organization 'org1' does not exist",
    ]);
  });

  it('reports an MSP folder without TLS CA certificates', () => {
    expect(check('directory: broken')).toEqual([
      "9:18 NS_CERT_MISSING MSP folder 'broken' of organization 'org1' has no certificate in tlscacerts/",
    ]);
  });

  it('reports missing and unparsable files at the list entry that names them', () => {
    expect(check(`caCerts:\n  - ${CA1}\n  - garbage.pem\ntlsCaCerts: [nope.pem]`)).toEqual([
      "11:11 NS_CERT_INVALID certificate 'garbage.pem' of organization 'org1' is not a PEM X.509 certificate",
      "12:20 NS_CERT_MISSING certificate 'nope.pem' of organization 'org1' does not exist",
    ]);
  });

  it('refuses a key file offered as a certificate', () => {
    expect(check(`directory: crypto/org1/msp\nadminIdentity: crypto/org1/ca/priv_sk`)).toEqual([
      "10:22 NS_CERT_INVALID certificate 'crypto/org1/ca/priv_sk' of organization 'org1' is not a PEM X.509 certificate",
    ]);
  });

  it('reports an admin identity issued by another organization CA', () => {
    expect(check(`directory: crypto/org1/msp\nadminIdentity: ${ADMIN2}`)).toEqual([
      `10:22 NS_CERT_CHAIN admin certificate '${ADMIN2}' of organization 'org1' is not issued by the organization's CA`,
    ]);
    expect(check(`caCerts: [${CA1}]\ntlsCaCerts: [${TLSCA1}]\nadminCerts: [${ADMIN1}, ${ADMIN2}]`)).toEqual([
      // line 11: `      adminCerts: [` is 19 columns, then the first entry and `, `.
      `11:${20 + ADMIN1.length + 2} NS_CERT_CHAIN admin certificate '${ADMIN2}' of organization 'org1' is not issued by the organization's CA`,
    ]);
  });

  it('requires the admin OU on the admin identity while NodeOUs are on, from config.yaml or the spec', () => {
    const notAdmin = `10:22 NS_CERT_ADMIN_OU admin identity '${PEER1}' of organization 'org1' does not carry the admin OU 'admin' (it has 'peer')`;
    expect(check(`directory: crypto/org1/msp\nadminIdentity: ${PEER1}`)).toEqual([notAdmin]);
    expect(check(`directory: crypto/org1/msp\nadminIdentity: ${PEER1}\nnodeOUs: false`)).toEqual([]);
    expect(
      check(`directory: crypto/org1/msp\nadminIdentity: ${PEER1}\nnodeOUs: {enabled: true, adminOU: peer}`),
    ).toEqual([]);
    expect(check(`caCerts: [${CA1}]\ntlsCaCerts: [${TLSCA1}]\nadminIdentity: ${PEER1}`)).toEqual([
      notAdmin.replace('10:22', '11:22'),
    ]);
  });

  it('checks an orderer TLS certificate named in the spec', () => {
    const orderers = '    orderers:\n      - name: orderer0\n        tlsCert: crypto/missing/server.crt';
    expect(check('directory: crypto/org1/msp', orderers)).toEqual([
      "12:18 NS_CERT_MISSING certificate 'crypto/missing/server.crt' of organization 'org1' does not exist",
    ]);
  });

  it('reports an MSP that names no CA at all', () => {
    expect(check(`tlsCaCerts: [${TLSCA1}]`)).toEqual([
      "9:7 NS_CERT_MISSING organization 'org1' names no CA certificate (msp.directory with cacerts/, or msp.caCerts)",
    ]);
  });
});
