// Signatures that must not count, each reported with its reason, while the policy stays unsatisfied; and bundles
// verify refuses outright (tampered bytes, a base sequence no longer live).
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/compiler/diagnostics/index.js';
import { decode, encode, fromJson, type Json, toJson } from '../../src/compiler/fabric/index.js';
import {
  decodeDerSignature,
  encodeDerSignature,
  isLowS,
  type LoadedSigner,
  makeConfigSignature,
  P256_ORDER,
  type SignatureFile,
} from '../../src/governance/index.js';
import { copyState } from '../helpers/plan-fixture.js';
import {
  adminFiles,
  adminSigner,
  issueIdentity,
  selfSignedIdentity,
  signerOf,
  verifyExample,
  writeExampleBundle,
  writeSignatureFile,
} from './_fixtures.js';

function signatureFile(signer: LoadedSigner, updateBytes: Uint8Array, mspId = signer.identity.mspId): SignatureFile {
  const signature = makeConfigSignature(signer.identity, updateBytes);
  return {
    mspId,
    signer: 'test',
    signedAt: new Date().toISOString(),
    updateSha256: '',
    signatureHeader: Buffer.from(signature.signature_header).toString('base64'),
    signature: Buffer.from(signature.signature).toString('base64'),
  };
}

function updateBytes(bundle: string, channel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(bundle, 'fabric', channel, 'update.pb')));
}

/**
 * Verifies and returns the distribution update's verdict, asserting the one bad signature (its reason and code) and
 * the unmet policy.
 */
function expectRejected(bundle: string, source: string, reason: RegExp, code: DiagnosticCode) {
  const report = verifyExample(bundle);
  const distribution = report.updates.find((u) => u.channel === 'distribution')!;
  const verdict = distribution.signatures.find((s) => s.source === source);
  expect(verdict, JSON.stringify(distribution.signatures)).toMatchObject({ valid: false });
  expect(verdict?.reason).toMatch(reason);
  expect(verdict?.code).toBe(code);
  expect(distribution.requirements[0]?.satisfied).toBe(false);
  // A file that can never count is a defect of the bundle: invalid, with the file named, not "waiting".
  expect(distribution.status).toBe('invalid');
  expect(distribution.problems).toContainEqual(
    expect.objectContaining({
      code,
      severity: 'error',
      file: join(bundle, source),
      message: expect.stringContaining(`${source}: `),
    }),
  );
  return distribution;
}

describe('signatures that do not count', () => {
  it('a key of another org, presented under this org', () => {
    const bundle = writeExampleBundle();
    const intruder = signerOf(adminFiles('retailer'), 'DistributorMSP');
    const source = writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(intruder, updateBytes(bundle, 'distribution')),
    );
    const distribution = expectRejected(
      bundle,
      source,
      /does not chain to DistributorMSP's CA in the current channel config/,
      'NS_SIGNER_NOT_MEMBER',
    );
    expect(distribution.requirements[0]?.signedBy).toEqual([]);
  });

  it("an org that is not in the channel's config yet (RetailerMSP, before this update adds it)", () => {
    const bundle = writeExampleBundle();
    const source = writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(adminSigner('retailer'), updateBytes(bundle, 'distribution')),
    );
    expectRejected(bundle, source, /MSP RetailerMSP is not defined in the channel config/, 'NS_SIGNER_NOT_MEMBER');
  });

  it('a non-admin member of the right org (a client certificate from its CA)', async () => {
    const bundle = writeExampleBundle();
    const client = signerOf(await issueIdentity('distributor', { ou: 'client' }));
    const source = writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(client, updateBytes(bundle, 'distribution')),
    );
    const distribution = expectRejected(bundle, source, /not an admin of DistributorMSP/, 'NS_SIGNER_NOT_ADMIN');
    expect(distribution.signatures[0]?.admin).toBe(false);
  });

  it('a signature over another update (replayed from the production channel)', () => {
    const bundle = writeExampleBundle();
    const replayed = signatureFile(adminSigner('distributor'), updateBytes(bundle, 'production'));
    replayed.updateSha256 = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8')).channels[0].artifactHash;
    const source = writeSignatureFile(bundle, 'distribution', replayed);
    expectRejected(
      bundle,
      source,
      /does not verify over this update .*made for another update/,
      'NS_SIGNATURE_INVALID',
    );
  });

  // An expired certificate itself counts, as the orderer counts it, with a warning (fabric-msp-rules.test.ts).
  it('a certificate dated before its CA was valid (Fabric checks the chain at its NotBefore + 1 s)', async () => {
    const bundle = writeExampleBundle();
    const twentyYearsAgo = new Date(Date.now() - 20 * 365 * 86_400_000);
    const expired = signerOf(await issueIdentity('distributor', { ou: 'admin', notBefore: twentyYearsAgo }));
    const source = writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(expired, updateBytes(bundle, 'distribution')),
    );
    expectRejected(
      bundle,
      source,
      /the chain to DistributorMSP's CA is not valid at the certificate's NotBefore \+ 1 s/,
      'NS_SIGNER_NOT_MEMBER',
    );
  });

  it('a self-signed certificate dressed as the org admin', async () => {
    const bundle = writeExampleBundle();
    const self = signerOf(await selfSignedIdentity('distributor'));
    const source = writeSignatureFile(bundle, 'distribution', signatureFile(self, updateBytes(bundle, 'distribution')));
    expectRejected(bundle, source, /self-signed certificate/, 'NS_SIGNER_NOT_MEMBER');
  });

  it('a high-S signature (the same signature with s -> N - s), which Fabric refuses', () => {
    const bundle = writeExampleBundle();
    const file = signatureFile(adminSigner('distributor'), updateBytes(bundle, 'distribution'));
    const low = decodeDerSignature(Buffer.from(file.signature, 'base64'))!;
    expect(isLowS(low)).toBe(true);
    const high = { r: low.r, s: P256_ORDER - low.s };
    expect(isLowS(high)).toBe(false);
    file.signature = Buffer.from(encodeDerSignature(high)).toString('base64');
    const source = writeSignatureFile(bundle, 'distribution', file);
    expectRejected(bundle, source, /high-S signature/, 'NS_SIGNATURE_INVALID');
  });

  it("a file naming one MSP but carrying another's identity", () => {
    const bundle = writeExampleBundle();
    const file = signatureFile(adminSigner('manufacturer'), updateBytes(bundle, 'distribution'), 'DistributorMSP');
    const source = writeSignatureFile(bundle, 'distribution', file);
    const distribution = expectRejected(
      bundle,
      source,
      /the file names DistributorMSP but the signature carries an identity of ManufacturerMSP/,
      'NS_SIGNATURE_WRONG_MSP',
    );
    // Not counted for the MSP it really is either.
    expect(distribution.requirements[0]?.signedBy).toEqual([]);
  });

  it('duplicate signatures of one identity count once', () => {
    const bundle = writeExampleBundle();
    const first = writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(adminSigner('distributor'), updateBytes(bundle, 'distribution')),
    );
    // A second, fresh signature by the same admin (another nonce), and a byte-for-byte copy of the first.
    writeSignatureFile(
      bundle,
      'distribution',
      signatureFile(adminSigner('distributor'), updateBytes(bundle, 'distribution')),
      'DistributorMSP.again.json',
    );
    copyFileSync(join(bundle, first), join(bundle, 'signatures/distribution/DistributorMSP.copy.json'));
    const distribution = verifyExample(bundle).updates.find((u) => u.channel === 'distribution')!;
    expect(distribution.signatures.map((s) => [s.source, s.valid, s.code ?? '', s.reason ?? ''])).toEqual([
      ['signatures/distribution/DistributorMSP.again.json', true, '', ''],
      [
        'signatures/distribution/DistributorMSP.copy.json',
        false,
        'NS_SIGNATURE_DUPLICATE',
        'duplicate of signatures/distribution/DistributorMSP.again.json: the same identity counts once',
      ],
      [
        'signatures/distribution/DistributorMSP.json',
        false,
        'NS_SIGNATURE_DUPLICATE',
        'duplicate of signatures/distribution/DistributorMSP.again.json: the same identity counts once',
      ],
    ]);
    expect(distribution.requirements[0]).toMatchObject({
      satisfied: false,
      progress: '1 of 2: waiting for ManufacturerMSP',
    });
  });
});

describe('bundles verify refuses', () => {
  it('a tampered update.pb (one flipped byte), even with valid signatures over it', () => {
    const bundle = writeExampleBundle();
    const file = join(bundle, 'fabric/distribution/update.pb');
    const bytes = readFileSync(file);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    for (const org of ['distributor', 'manufacturer'] as const)
      writeSignatureFile(bundle, 'distribution', signatureFile(adminSigner(org), new Uint8Array(bytes)));
    const report = verifyExample(bundle);
    expect(report.status).toBe('invalid');
    expect(report.problems).toEqual([
      {
        code: 'NS_BUNDLE_TAMPERED',
        severity: 'error',
        message: 'fabric/distribution/update.pb differs from the SHA-256 plan.json lists (tampered?)',
        file: file,
      },
    ]);
  });

  it('update bytes that match a doctored plan.json but not what the spec and state produce', () => {
    const bundle = writeExampleBundle();
    const file = join(bundle, 'fabric/distribution/update.pb');
    const bytes = readFileSync(file);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const planFile = join(bundle, 'plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    const doctored = createHash('sha256').update(bytes).digest('hex');
    plan.channels[1].artifactHash = doctored;
    plan.files['fabric/distribution/update.pb'] = doctored;
    writeFileSync(planFile, JSON.stringify(plan));
    const distribution = verifyExample(bundle).updates.find((u) => u.channel === 'distribution')!;
    expect(distribution.status).toBe('invalid');
    expect(distribution.problems[0]).toMatchObject({ code: 'NS_BUNDLE_TAMPERED', file });
    expect(distribution.problems[0]?.message).toMatch(
      /^tampered: fabric\/distribution\/update\.pb differs from the update the spec and the live state produce/,
    );
  });

  it('a stale bundle: the live config moved to a higher sequence since the plan', () => {
    const stateDir = copyState('supply-chain');
    const bundle = writeExampleBundle(stateDir);
    for (const org of ['distributor', 'manufacturer'] as const)
      writeSignatureFile(bundle, 'distribution', signatureFile(adminSigner(org), updateBytes(bundle, 'distribution')));
    expect(verifyExample(bundle).updates.find((u) => u.channel === 'distribution')?.status).toBe('satisfied');

    bumpSequence(join(stateDir, 'fabric', 'distribution.block'));
    const report = verifyExample(bundle);
    expect(report.status).toBe('invalid');
    const distribution = report.updates.find((u) => u.channel === 'distribution')!;
    expect(distribution.problems).toEqual([
      {
        code: 'NS_UPDATE_STALE',
        severity: 'error',
        message:
          'stale: the plan was made against config sequence 0, the live config is at sequence 1; signatures over this update are void: re-plan and sign again',
        hint: expect.stringContaining('plan again'),
        file: join(bundle, 'fabric/distribution/update.pb'),
      },
    ]);
  });
});

/** Re-encodes a config block with the config's sequence + 1 (what the next config update would leave live). */
function bumpSequence(blockFile: string): void {
  const block = decode('common.Block', new Uint8Array(readFileSync(blockFile))).value!;
  const json = toJson('common.Block', block).value as {
    data: { data: { payload: { data: { config: { sequence: string } } } }[] };
  };
  const config = json.data.data[0]!.payload.data.config;
  config.sequence = String(BigInt(config.sequence) + 1n);
  const bumped = fromJson('common.Block', json as unknown as Json).value!;
  writeFileSync(blockFile, encode('common.Block', bumped).value!);
}

describe('envelopes the orderer refuses outright', () => {
  it('a ConfigSignature whose header is not a SignatureHeader makes the whole update invalid', async () => {
    const { wrapConfigUpdate } = await import('../../src/compiler/fabric/index.js');
    const { verifyEnvelope } = await import('../../src/governance/index.js');
    const { repoRoot } = await import('../helpers/run-cli.js');
    const bundle = writeExampleBundle();
    const good = makeConfigSignature(adminSigner('distributor').identity, updateBytes(bundle, 'distribution'));
    const envelope = wrapConfigUpdate(
      updateBytes(bundle, 'distribution'),
      [good, { signature_header: Uint8Array.from([0xff, 0xff, 0xff]), signature: good.signature }],
      'distribution',
      { timestamp: new Date(0) },
    );
    const report = verifyEnvelope(envelope, join(repoRoot, 'networks/supply-chain/state/fabric/distribution.block'));
    expect(report.status).toBe('invalid');
    expect(report.updates[0]?.problems).toEqual([
      {
        code: 'NS_SIGNATURE_FILE_INVALID',
        severity: 'error',
        message: 'envelope signature #2: the signature header does not decode as common.SignatureHeader',
      },
    ]);
  });
});
