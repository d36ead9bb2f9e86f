// `netspec verify --strict` as a user runs it: an envelope signed by an expired admin certificate against a config
// block whose MSP trusts its CA. The orderer would accept it, so plain verify says satisfied with a warning (exit 0);
// --strict refuses it (exit 1).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfigUpdateEnvelope, signConfigUpdateEnvelope } from '../../src/governance/index.js';
import { rebuildConfigBlock } from '../apply/fabric/_fake-fabric.js';
import { runCli } from '../helpers/run-cli.js';
import { configWithOrg2Msp, fabricMspJson, makeCa, makeLeaf, years } from './_msp-material.js';

const LIVE = join(import.meta.dirname, '..', 'fixtures', 'fabric-live');
const BLOCK = join(LIVE, 'blocks', 'pubdemo-config-seq2.block');

describe('verify --strict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-strict-'));
  const envelopeFile = join(dir, 'envelope.pb');
  const blockFile = join(dir, 'config.block');
  beforeAll(async () => {
    const root = await makeCa('ca.org2.test', years(-15, 10));
    const expired = await makeLeaf('Admin@org2.test', 'admin', root, years(-12, -11));
    const config = configWithOrg2Msp(BLOCK, fabricMspJson('Org2MSP', { roots: [root], ouCertifier: root }));
    writeFileSync(blockFile, rebuildConfigBlock(new Uint8Array(readFileSync(BLOCK)), config));
    // The recorded Org2 AnchorPeers update with no signature yet; the expired Org2 admin signs it.
    const unsigned = readConfigUpdateEnvelope(
      new Uint8Array(readFileSync(join(LIVE, 'broadcast', 'u5-unsigned-envelope.pb'))),
    );
    if ('error' in unsigned) throw new Error(unsigned.error);
    writeFileSync(
      envelopeFile,
      signConfigUpdateEnvelope(unsigned.envelope, {
        mspId: 'Org2MSP',
        certificatePem: expired.pem,
        privateKey: expired.privateKey,
      }),
    );
  });

  it('without --strict: satisfied, exit 0, the warning printed', () => {
    const result = runCli(['verify', '--envelope', envelopeFile, '--config', blockFile]);
    expect(result.stdout).toMatch(
      /^ {2}warning NS_SIGNER_CERT_EXPIRED envelope signature #1: the certificate of .*Admin@org2\.test.* expired on/m,
    );
    expect(result.stdout).toMatch(/Verdict: satisfied/);
    expect(result.code).toBe(0);
  });

  it('with --strict: invalid, exit 1', () => {
    const result = runCli([
      'verify',
      '--envelope',
      envelopeFile,
      '--config',
      blockFile,
      '--strict',
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('invalid');
    expect(report.updates[0].problems).toEqual([
      {
        code: 'NS_SIGNER_CERT_EXPIRED',
        severity: 'error',
        message: expect.stringMatching(/^strict: envelope signature #1: .* expired on/),
      },
    ]);
    expect(result.code).toBe(1);
  });
});
