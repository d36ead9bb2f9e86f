// The MSP rules the orderer applies to a config signer, on real X.509 material: the recorded pubdemo config with
// Org2MSP replaced by an MSP made here (root, intermediate, CRLs, NodeOUs bound to a CA), and the recorded
// Org2 AnchorPeers update (mod_policy OR('Org2MSP.admin')) signed by the admin under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeConfigSignature,
  P256_ORDER,
  readConfigUpdateEnvelope,
  renderReportJson,
  renderReportMarkdown,
  renderReportText,
  strictReport,
  type UpdateVerdict,
  verifyUpdate,
} from '../../src/governance/index.js';
import { otherSTwin } from './_der-by-hand.js';
import {
  type Ca,
  configWithOrg2Msp,
  fabricMspJson,
  type Leaf,
  type MspShape,
  makeCa,
  makeCrl,
  makeLeaf,
  years,
} from './_msp-material.js';

const LIVE = join(import.meta.dirname, '..', 'fixtures', 'fabric-live');
const BLOCK = join(LIVE, 'blocks', 'pubdemo-config-seq2.block');

function anchorPeersUpdate(): Uint8Array {
  const bytes = readFileSync(join(LIVE, 'broadcast', 'u7-org2-anchorpeer-signed-by-org1.pb'));
  const read = readConfigUpdateEnvelope(new Uint8Array(bytes));
  if ('error' in read) throw new Error(read.error);
  return read.envelope.configUpdate;
}

function judge(shape: MspShape, signer: Leaf): UpdateVerdict {
  const configUpdate = anchorPeersUpdate();
  const signature = makeConfigSignature(
    { mspId: 'Org2MSP', certificatePem: signer.pem, privateKey: signer.privateKey },
    configUpdate,
  );
  return verifyUpdate({
    channel: 'pubdemo',
    config: configWithOrg2Msp(BLOCK, fabricMspJson('Org2MSP', shape)),
    configUpdate,
    signatures: [{ source: 'org2-admin', signatureHeader: signature.signature_header, signature: signature.signature }],
    now: new Date(),
  });
}

describe("Fabric's MSP rules for a config signer", () => {
  let root: Ca;
  let intermediate: Ca;
  let admin: Leaf;
  beforeAll(async () => {
    root = await makeCa('ca.org2.test', years(-1, 10));
    intermediate = await makeCa('ica.org2.test', years(-1, 9), root);
    admin = await makeLeaf('Admin@org2.test', 'admin', intermediate, years(-0.5, 5));
  });

  it('an admin issued by an intermediate, its OUs bound to that intermediate, satisfies the policy', () => {
    const verdict = judge({ roots: [root], intermediates: [intermediate], ouCertifier: intermediate }, admin);
    expect(verdict.signatures).toEqual([{ source: 'org2-admin', mspId: 'Org2MSP', valid: true, admin: true }]);
    expect(verdict.status).toBe('satisfied');
    expect(verdict.warnings).toBeUndefined();
  });

  it('refuses the same admin when the OUs are bound to the root: the certifier must be its own issuer chain', () => {
    const verdict = judge({ roots: [root], intermediates: [intermediate], ouCertifier: root }, admin);
    expect(verdict.signatures[0]).toMatchObject({ valid: false });
    expect(verdict.signatures[0]?.reason).toMatch(
      /admin OU of Org2MSP is bound to .*ca\.org2\.test, which did not issue/,
    );
    expect(verdict.status).toBe('waiting');
  });

  it('refuses an admin revoked by a CRL its issuing CA signed', async () => {
    const crl = await makeCrl(intermediate, [admin.serialHex]);
    const verdict = judge({ roots: [root], intermediates: [intermediate], crls: [crl] }, admin);
    expect(verdict.signatures[0]?.reason).toMatch(/revoked by a CRL of .*ica\.org2\.test/);
    expect(verdict.status).toBe('waiting');
  });

  it('ignores a CRL naming the issuer but signed by another key, and one for another CA', async () => {
    const stranger = await makeCa('stranger.org2.test', years(-1, 10));
    const forged = await makeCrl(intermediate, [admin.serialHex], stranger);
    const otherCa = await makeCrl(root, [admin.serialHex]);
    const verdict = judge({ roots: [root], intermediates: [intermediate], crls: [forged, otherCa] }, admin);
    expect(verdict.status).toBe('satisfied');
  });

  it('refuses an identity issued directly by a CA that issues intermediates (not a leaf of the CA tree)', async () => {
    const direct = await makeLeaf('Admin2@org2.test', 'admin', root, years(-0.5, 5));
    expect(judge({ roots: [root] }, direct).status).toBe('satisfied');
    const verdict = judge({ roots: [root], intermediates: [intermediate] }, direct);
    expect(verdict.signatures[0]?.reason).toMatch(/issues Org2MSP's intermediate CAs, not identities/);
    expect(verdict.status).toBe('waiting');
  });

  it('refuses every identity of an MSP whose CRL Fabric cannot parse (a PEM label other than X509 CRL)', async () => {
    const crl = (await makeCrl(intermediate, [])).replace(/X509 CRL/g, 'CRL');
    const verdict = judge({ roots: [root], intermediates: [intermediate], crls: [crl] }, admin);
    expect(verdict.signatures[0]?.reason).toMatch(/Org2MSP cannot be set up: revocation_list\[0\]/);
    expect(verdict.status).toBe('waiting');
  });

  it('without NodeOUs, only the admincerts are admins', async () => {
    const member = await makeLeaf('User1@org2.test', 'client', intermediate, years(-0.5, 5));
    const shape = { roots: [root], intermediates: [intermediate], withoutNodeOUs: true };
    expect(judge(shape, admin).signatures[0]?.reason).toMatch(/not an admin of Org2MSP/);
    expect(judge({ ...shape, admins: [member.pem] }, member).status).toBe('satisfied');
  });

  it('counts a certificate and its high-S twin (same certificate, CA signature s -> N - s) as one identity', () => {
    const twin = otherSTwin(admin.pem, P256_ORDER);
    expect(twin).not.toBe(admin.pem);
    const configUpdate = anchorPeersUpdate();
    const signatures = [admin.pem, twin].map((certificatePem, index) => {
      const made = makeConfigSignature(
        { mspId: 'Org2MSP', certificatePem, privateKey: admin.privateKey },
        configUpdate,
      );
      return { source: `#${index}`, signatureHeader: made.signature_header, signature: made.signature };
    });
    const verdict = verifyUpdate({
      channel: 'pubdemo',
      config: configWithOrg2Msp(BLOCK, fabricMspJson('Org2MSP', { roots: [root], intermediates: [intermediate] })),
      configUpdate,
      signatures,
      now: new Date(),
    });
    expect(verdict.signatures[0]).toMatchObject({ valid: true });
    expect(verdict.signatures[1]?.reason).toMatch(/duplicate of #0: the same identity counts once/);
  });

  describe('an expired admin certificate', () => {
    let oldRoot: Ca;
    let expired: Leaf;
    beforeAll(async () => {
      oldRoot = await makeCa('ca.org2.test', years(-15, 10));
      expired = await makeLeaf('Admin@org2.test', 'admin', oldRoot, years(-12, -11));
    });

    it('counts, as the orderer counts it (chain checked at NotBefore + 1 s), with a warning naming signer and date', () => {
      const verdict = judge({ roots: [oldRoot] }, expired);
      expect(verdict.status).toBe('satisfied');
      expect(verdict.warnings).toHaveLength(1);
      const warning = verdict.warnings![0]!;
      expect(warning).toMatchObject({
        code: 'NS_SIGNER_CERT_EXPIRED',
        severity: 'warning',
        source: 'org2-admin',
        mspId: 'Org2MSP',
      });
      expect(warning.signer).toMatch(/CN=Admin@org2\.test/);
      expect(Date.parse(warning.date)).toBeLessThan(Date.now());
      const report = { status: verdict.status, updates: [verdict] };
      expect(renderReportText(report)).toMatch(
        /^ {2}warning NS_SIGNER_CERT_EXPIRED org2-admin: the certificate of .* expired on \d{4}-/m,
      );
      expect(renderReportMarkdown(report)).toMatch(/:warning: `NS_SIGNER_CERT_EXPIRED`/);
      expect(JSON.parse(renderReportJson(report)).updates[0].warnings[0].code).toBe('NS_SIGNER_CERT_EXPIRED');
    });

    it('is refused under --strict', () => {
      const verdict = judge({ roots: [oldRoot] }, expired);
      const strict = strictReport({ status: verdict.status, updates: [verdict] });
      expect(strict.status).toBe('invalid');
      expect(strict.updates[0]?.problems).toEqual([
        {
          code: 'NS_SIGNER_CERT_EXPIRED',
          severity: 'error',
          message: expect.stringMatching(/^strict: org2-admin: the certificate of .* expired on/),
        },
      ]);
    });

    it('is refused when its CA was not valid yet at its NotBefore (the moment Fabric checks the chain at)', async () => {
      const youngRoot = await makeCa('ca.org2.test', years(-1, 10));
      const beforeItsCa = await makeLeaf('Admin@org2.test', 'admin', youngRoot, years(-3, 5));
      const verdict = judge({ roots: [youngRoot] }, beforeItsCa);
      expect(verdict.signatures[0]?.reason).toMatch(/not valid at the certificate's NotBefore \+ 1 s/);
      expect(verdict.status).toBe('waiting');
    });
  });
});
