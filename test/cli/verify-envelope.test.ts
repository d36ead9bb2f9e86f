// The envelope variants on Fabric's own artifact: `sign --envelope` behaves as `peer channel signconfigtx`
// (keeps config_update and earlier signatures byte for byte, appends one, re-signs the envelope), `verify
// --envelope --config` judges it against a config block, and `sign --import` brings its signatures into a bundle.
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, wrapConfigUpdate } from '../../src/compiler/fabric/index.js';
import { readConfigUpdateEnvelope, readCreator, type VerifyReport } from '../../src/governance/index.js';
import { adminFiles, type Org, writeExampleBundle } from '../governance/_fixtures.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const stateBlock = join(repoRoot, 'networks/supply-chain/state/fabric/distribution.block');

function signEnvelope(input: string, output: string, org: Org) {
  const files = adminFiles(org);
  return runCli([
    'sign',
    '--envelope',
    input,
    '--msp-id',
    files.mspId,
    '--cert',
    files.certFile,
    '--key',
    files.keyFile,
    '--output',
    output,
  ]);
}

function envelopeOf(file: string) {
  const read = readConfigUpdateEnvelope(new Uint8Array(readFileSync(file)));
  if ('error' in read) throw new Error(read.error);
  return read.envelope;
}

// The steps build on each other (once.pb, then twice.pb, then its import): they keep this order in a shuffled run.
describe('CONFIG_UPDATE envelopes', { shuffle: false }, () => {
  const bundle = writeExampleBundle();
  const dir = mkdtempSync(join(tmpdir(), 'netspec-envelope-'));
  const update = new Uint8Array(readFileSync(join(bundle, 'fabric/distribution/update.pb')));
  const unsigned = join(dir, 'unsigned.pb');
  writeFileSync(unsigned, wrapConfigUpdate(update, [], 'distribution', { timestamp: new Date(0) }));
  const once = join(dir, 'once.pb');
  const twice = join(dir, 'twice.pb');

  it('sign --envelope appends a ConfigSignature over the unchanged config_update and signs the new payload', () => {
    const result = signEnvelope(unsigned, once, 'distributor');
    expect(result.stderr).toBe(`Signed envelope written to ${once}\n`);
    expect(result.code).toBe(0);
    const envelope = envelopeOf(once);
    expect(envelope.channelId).toBe('distribution');
    expect(Buffer.from(envelope.configUpdate).equals(update)).toBe(true);
    expect(envelope.signatures).toHaveLength(1);
    const creator = readCreator(envelope.signatures[0]!.signature_header);
    expect('creator' in creator && creator.creator.mspId).toBe('DistributorMSP');

    // The outer envelope is signed by the signer over the payload bytes, with a signature header of its own.
    const outer = decode('common.Envelope', new Uint8Array(readFileSync(once))).value!;
    const key = createPublicKey(readFileSync(adminFiles('distributor').certFile, 'utf8'));
    expect(
      cryptoVerify('sha256', outer.payload as Uint8Array, { key, dsaEncoding: 'der' }, outer.signature as Uint8Array),
    ).toBe(true);
    const payload = decode('common.Payload', outer.payload as Uint8Array).value!;
    const header = payload.header as { channel_header: Uint8Array; signature_header: Uint8Array };
    const channelHeader = decode('common.ChannelHeader', header.channel_header).value!;
    expect(Number(channelHeader.type)).toBe(2);
    expect(Number((channelHeader.timestamp as { seconds: number }).seconds)).toBeGreaterThan(0);
    expect(readCreator(header.signature_header)).toMatchObject({ creator: { mspId: 'DistributorMSP' } });
  });

  it('verify --envelope: one org of two is waiting (exit 2)', () => {
    const result = runCli(['verify', '--envelope', once, '--config', stateBlock, '--format', 'json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as VerifyReport;
    expect(report.updates[0]?.requirements[0]).toMatchObject({
      policyPath: '/Channel/Application/Admins',
      waitingFor: ['ManufacturerMSP'],
    });
    expect(report.updates[0]?.signatures).toEqual([
      { source: 'envelope signature #1', mspId: 'DistributorMSP', valid: true, admin: true },
    ]);
  });

  it('a second signer keeps the first signature byte for byte; verify --envelope is then satisfied (exit 0)', () => {
    expect(signEnvelope(once, twice, 'manufacturer').code).toBe(0);
    const first = envelopeOf(once);
    const second = envelopeOf(twice);
    expect(Buffer.from(second.configUpdate).equals(update)).toBe(true);
    expect(second.signatures).toHaveLength(2);
    expect(Buffer.from(second.signatures[0]!.signature_header).equals(first.signatures[0]!.signature_header)).toBe(
      true,
    );
    expect(Buffer.from(second.signatures[0]!.signature).equals(first.signatures[0]!.signature)).toBe(true);
    const result = runCli(['verify', '--envelope', twice, '--config', stateBlock]);
    expect(result.stdout).toContain('2 of 2: satisfied');
    expect(result.code).toBe(0);
  });

  it('verify --envelope against the config block of another channel is invalid (exit 1)', () => {
    const other = join(repoRoot, 'networks/supply-chain/state/fabric/production.block');
    const result = runCli(['verify', '--envelope', twice, '--config', other]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `  ${other}:1:1 error NS_ENVELOPE_MISMATCH the envelope is for channel 'distribution', the config block for 'production'`,
    );
  });

  it('sign --import turns the envelope signatures into the bundle signature files', () => {
    const result = runCli(['sign', '--import', twice, bundle]);
    expect(result.stderr).toBe('Imported 2 signature(s) for channel distribution\n');
    expect(result.code).toBe(0);
    const imported = JSON.parse(readFileSync(join(bundle, 'signatures/distribution/ManufacturerMSP.json'), 'utf8'));
    expect(Buffer.from(imported.signature, 'base64').equals(envelopeOf(twice).signatures[1]!.signature)).toBe(true);
    const verify = JSON.parse(runCli(['verify', bundle, '--format', 'json']).stdout) as VerifyReport;
    expect(verify.updates.find((u) => u.channel === 'distribution')?.status).toBe('satisfied');
  });

  it('sign --import refuses an envelope over other bytes', () => {
    const other = join(dir, 'other.pb');
    const bytes = new Uint8Array(readFileSync(join(bundle, 'fabric/production/update.pb')));
    writeFileSync(other, wrapConfigUpdate(bytes, [], 'distribution', { timestamp: new Date(0) }));
    const result = runCli(['sign', '--import', other, bundle]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the envelope's config_update is not the bundle's fabric/distribution/update.pb");
  });
});
