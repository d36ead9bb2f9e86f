// Keys on a real SoftHSM2 token, through the built binary: each organization's admin key is imported into a token
// of its own, and every place netspec signs takes the key's PKCS#11 URI in place of the PEM file: `fetch` reads
// the live network with it, each org signs the bundle with it (one process per org), `verify` counts those
// signatures, `apply` submits with it to the fake orderer (whose own judge checks every signature), and
// `sign --envelope` signs as `peer channel signconfigtx`. The refusals name the URI, never the PIN.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, wrapConfigUpdate } from '../../src/compiler/fabric/index.js';
import { decodeDerSignature, isLowS, readConfigUpdateEnvelope, readCreator } from '../../src/governance/index.js';
import { planBundle, startNetwork, type TestNetwork } from '../apply/fabric/_network.js';
import { adminFiles, type Org, writeExampleBundle } from '../governance/_fixtures.js';
import { repoRoot, runCli, runCliAsync } from '../helpers/run-cli.js';
import { createSoftHsm, importKey, keyUri, SOFTHSM_MODULE, type SoftHsm } from '../helpers/softhsm.js';

const ORGS: Org[] = ['operator', 'manufacturer', 'distributor'];
const exampleState = join(repoRoot, 'networks/supply-chain/state/fabric');
let hsm: SoftHsm;

beforeAll(() => {
  hsm = createSoftHsm();
  for (const org of ORGS) importKey(hsm, org, adminFiles(org).keyFile);
});

const fabricEnv = () => ({
  ...hsm.env,
  CI: 'true',
  NETSPEC_FABRIC_RETRIES: '1',
  NETSPEC_FABRIC_BACKOFF_MS: '20',
  NETSPEC_FABRIC_POLL_MS: '10',
});

function tokenArgs(org: Org): string[] {
  const files = adminFiles(org);
  return ['--msp-id', files.mspId, '--cert', files.certFile, '--key', keyUri(hsm, org)];
}

function signatureOf(bundle: string, channel: string, mspId: string): Uint8Array {
  const file = JSON.parse(readFileSync(join(bundle, 'signatures', channel, `${mspId}.json`), 'utf8'));
  return new Uint8Array(Buffer.from(file.signature, 'base64'));
}

describe('netspec signs with a key on a PKCS#11 token (SoftHSM2)', () => {
  let network: TestNetwork | undefined;
  afterAll(async () => {
    await network?.fake.stop();
  });

  it('fetch, sign by each org, verify and apply: every signature made on a token, and the orderer accepts them', async () => {
    network = await startNetwork();
    const out = join(network.dir, 'fetched');
    const asManufacturer = ['--org', 'manufacturer', '--cert', adminFiles('manufacturer').certFile];
    const fetched = await runCliAsync(
      ['fetch', network.specFile, '--out', out, ...asManufacturer, '--key', keyUri(hsm, 'manufacturer')],
      { env: fabricEnv() },
    );
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);

    const bundle = planBundle(network, out);
    const judged = ['--spec', network.specFile, '--state', out];
    for (const org of ORGS) {
      const signed = runCli(['sign', bundle.dir, ...judged, ...tokenArgs(org)], { env: hsm.env });
      expect(signed.stderr).toBe('');
      expect(signed.code).toBe(0);
    }
    // The token's r || s became DER with s in the lower half, as Fabric requires.
    for (const [channel, mspId] of [
      ['production', 'OperatorMSP'],
      ['distribution', 'ManufacturerMSP'],
      ['distribution', 'DistributorMSP'],
    ] as const) {
      const signature = decodeDerSignature(signatureOf(bundle.dir, channel, mspId));
      expect(signature && isLowS(signature)).toBe(true);
    }
    const verified = runCli(['verify', bundle.dir, ...judged]);
    expect(verified.stdout).toContain('valid   signatures/distribution/DistributorMSP.json (DistributorMSP)');
    expect(verified.code).toBe(0);

    const operator = adminFiles('operator');
    const applied = await runCliAsync(
      ['apply', bundle.dir, ...judged, '--cert', operator.certFile, '--key', keyUri(hsm, 'operator'), '--timeout', '2'],
      { env: fabricEnv() },
    );
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(
      applied.stdout
        .trim()
        .split('\n')
        .slice(0, 2)
        .map((line) => JSON.parse(line)),
    ).toMatchObject([
      { channel: 'production', action: 'update', outcome: 'applied' },
      { channel: 'distribution', action: 'update', outcome: 'applied' },
    ]);
    expect(network.fake.received.broadcast).toBe(2);
  });

  it('sign --envelope signs a CONFIG_UPDATE envelope on the token, as peer channel signconfigtx', () => {
    const bundle = writeExampleBundle();
    const update = new Uint8Array(readFileSync(join(bundle, 'fabric/distribution/update.pb')));
    const input = join(hsm.dir, 'unsigned.pb');
    const output = join(hsm.dir, 'signed.pb');
    writeFileSync(input, wrapConfigUpdate(update, [], 'distribution', { timestamp: new Date(0) }));
    const result = runCli(['sign', '--envelope', input, ...tokenArgs('distributor'), '--output', output], {
      env: hsm.env,
    });
    expect(result.stderr).toBe(`Signed envelope written to ${output}\n`);
    expect(result.code).toBe(0);
    const read = readConfigUpdateEnvelope(new Uint8Array(readFileSync(output)));
    if ('error' in read) throw new Error(read.error);
    const creator = readCreator(read.envelope.signatures[0]!.signature_header);
    expect('creator' in creator && creator.creator.mspId).toBe('DistributorMSP');
    const outer = decode('common.Envelope', new Uint8Array(readFileSync(output))).value!;
    const outerSignature = decodeDerSignature(outer.signature as Uint8Array);
    expect(outerSignature && isLowS(outerSignature)).toBe(true);
    // A second org signs on its own token; the two ConfigSignatures satisfy the update's policy.
    const twice = join(hsm.dir, 'signed-twice.pb');
    const second = runCli(['sign', '--envelope', output, ...tokenArgs('manufacturer'), '--output', twice], {
      env: hsm.env,
    });
    expect(second.code).toBe(0);
    const judged = runCli(['verify', '--envelope', twice, '--config', join(exampleState, 'distribution.block')]);
    expect(judged.stdout).toContain('2 of 2: satisfied');
    expect(judged.code).toBe(0);
  });

  it('takes the PIN from NETSPEC_PKCS11_PIN when the URI names no pin-source', () => {
    const bundle = writeExampleBundle();
    const files = adminFiles('distributor');
    const uri = `pkcs11:token=distributor;object=admin?module-path=${SOFTHSM_MODULE}`;
    const args = ['sign', bundle, '--msp-id', files.mspId, '--cert', files.certFile, '--key', uri];
    const withPin = runCli(args, { env: { ...hsm.env, NETSPEC_PKCS11_PIN: hsm.userPin } });
    expect(withPin.stderr).toBe('');
    expect(withPin.code).toBe(0);
    const without = runCli(args, { env: { ...hsm.env, NETSPEC_PKCS11_PIN: '' } });
    expect(without.code).toBe(1);
    expect(without.stderr).toBe(
      `netspec: pkcs11:token=distributor;object=admin: the token 'distributor' needs its user PIN: name a file holding it with pin-source=file:/path, or set NETSPEC_PKCS11_PIN\n`,
    );
  });

  it('refuses, naming the URI and the reason and never the PIN: pin-value, a wrong PIN, no such token, a key of another certificate', () => {
    const bundle = writeExampleBundle();
    const files = adminFiles('distributor');
    const sign = (uri: string, env: Record<string, string> = {}) =>
      runCli(['sign', bundle, '--msp-id', files.mspId, '--cert', files.certFile, '--key', uri], {
        env: { ...hsm.env, ...env },
      });
    const base = `pkcs11:token=distributor;object=admin?module-path=${SOFTHSM_MODULE}`;

    const onCommandLine = sign(`${base}&pin-value=${hsm.userPin}`);
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toContain('pin-value puts the PIN on the command line');

    const wrong = sign(base, { NETSPEC_PKCS11_PIN: '11111111' });
    expect(wrong.stderr).toBe(
      'netspec: pkcs11:token=distributor;object=admin: logging in: the PIN is wrong (CKR_PIN_INCORRECT)\n',
    );
    expect(wrong.code).toBe(1);

    const noToken = sign(keyUri(hsm, 'retailer'));
    expect(noToken.stderr).toContain("no token matches (the module has 'distributor', 'manufacturer', 'operator')");
    expect(noToken.code).toBe(1);

    const otherKey = sign(keyUri(hsm, 'manufacturer'));
    expect(otherKey.stderr).toContain('the key on the token is not the private key of the certificate');
    expect(otherKey.code).toBe(1);

    for (const result of [onCommandLine, wrong, noToken, otherKey]) {
      expect(result.stderr).not.toContain(hsm.userPin);
      expect(result.stderr).not.toContain('internal error');
    }
  });
});
