// The merge gate against a proposal that tries to steer its own verdict: a pull request that brings its own copy of
// the spec and of the live state (with /Channel/Application/Admins turned into ANY), points plan.json's specFile,
// stateDir and specHash at them, and leaves out the distributor's signature. verify and sign, run as the CLI runs
// them, judge the bundle against the network's own spec and state all the same.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/bytes.js';
import { decode, encode, fromJson, type Json, toJson } from '../../src/compiler/fabric/index.js';
import type { VerifyReport } from '../../src/governance/index.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { adminFiles, type Org, signExample, writeExampleBundle } from './_fixtures.js';

/** `org` signs in a `netspec sign` process of its own, with its own admin pair only. */
function sign(bundle: string, org: Org): void {
  const result = signExample(bundle, adminFiles(org));
  expect([...result.errors, ...result.warnings]).toEqual([]);
}

/** `netspec verify <bundle> --format json`, through the CLI's main() in this process. */
async function verify(bundle: string, ...flags: string[]): Promise<{ code: number; report: VerifyReport }> {
  const result = await runCliInProcess(['verify', bundle, '--format', 'json', ...flags]);
  return { code: result.code, report: JSON.parse(result.stdout) as VerifyReport };
}

/** A state folder like the network's, whose distribution channel any one member's admin could change alone. */
function doctoredState(from: string, to: string): void {
  cpSync(from, to, { recursive: true, dereference: true });
  const file = join(to, 'fabric', 'distribution.block');
  const block = toJson('common.Block', decode('common.Block', new Uint8Array(readFileSync(file))).value!)
    .value as unknown as {
    data: { data: { payload: { data: { config: ConfigJson } } }[] };
  };
  const admins = block.data.data[0]!.payload.data.config.channel_group.groups.Application.policies.Admins;
  admins.policy.value.rule = 'ANY';
  writeFileSync(file, encode('common.Block', fromJson('common.Block', block as unknown as Json).value!).value!);
}

interface ConfigJson {
  channel_group: { groups: { Application: { policies: { Admins: { policy: { value: { rule: string } } } } } } };
}

/** The bundle as the manufacturer signed it: the distribution update still needs the distributor (2 of 2). */
function signedByManufacturerOnly(): { bundle: string; network: string } {
  const bundle = writeExampleBundle();
  sign(bundle, 'manufacturer');
  sign(bundle, 'operator');
  return { bundle, network: dirname(bundle) };
}

/** verify of the manufacturer-signed bundle after `edit` rewrote its plan.json. */
// biome-ignore lint/suspicious/noExplicitAny: plan.json as a doctored JSON document, whatever shape the edit gives it
async function verifyWithPlanEdited(edit: (plan: any) => unknown): Promise<{ code: number; report: VerifyReport }> {
  const { bundle } = signedByManufacturerOnly();
  const planFile = join(bundle, 'plan.json');
  writeFileSync(planFile, `${JSON.stringify(edit(JSON.parse(readFileSync(planFile, 'utf8'))), null, 2)}\n`);
  return verify(bundle);
}

/**
 * A bundle planned against a copy of the example's state whose manufacturer record lacks factory-app: the spec's
 * user is one apply --users must create. `record` is that copy's file, `applied` its text with factory-app.
 */
function bundleCreatingFactoryApp(): { bundle: string; record: string; applied: string } {
  const state = join(mkdtempSync(join(tmpdir(), 'netspec-users-state-')), 'state');
  cpSync(join(repoRoot, 'networks', 'supply-chain', 'state'), state, { recursive: true, dereference: true });
  const record = join(state, 'users', 'manufacturer.json');
  const applied = readFileSync(record, 'utf8');
  writeFileSync(record, '{\n  "users": []\n}\n');
  return { bundle: writeExampleBundle(state), record, applied };
}

/** Each problem as `CODE message`: the code is what a script matches, the message what a person reads. */
function coded(problems: readonly { code: string; message: string }[] | undefined): string[] {
  return (problems ?? []).map((problem) => `${problem.code} ${problem.message}`);
}

function distribution(report: VerifyReport) {
  return report.updates.find((update) => update.channel === 'distribution');
}

describe('a pull request cannot steer its own verdict', () => {
  it('a state whose policies differ from those the bundle was signed under is refused, even when named', async () => {
    const { bundle, network } = signedByManufacturerOnly();
    doctoredState(join(network, 'state'), join(network, '.cache', 'state'));
    expect((await verify(bundle)).code).toBe(2);
    const named = await verify(bundle, '--state', join(network, '.cache', 'state'));
    expect(named.code).toBe(1);
    expect(distribution(named.report)?.status).toBe('invalid');
    expect(coded(distribution(named.report)?.problems).join('\n')).toMatch(/^NS_BUNDLE_TAMPERED tampered: /);
  });

  it('plan.json pointing at a state copy beside the bundle changes nothing: verify reads the network state', async () => {
    const { bundle, network } = signedByManufacturerOnly();
    doctoredState(join(network, 'state'), join(network, '.cache', 'state'));
    const planFile = join(bundle, 'plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.stateDir = '../.cache/state';
    writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);

    const { code, report } = await verify(bundle);
    // The edit shows (plan.md no longer renders from plan.json), and the signatures are judged against the
    // network's own state all the same: the distributor's is still missing.
    expect(code).toBe(1);
    expect(report.problems).toEqual([
      {
        code: 'NS_BUNDLE_TAMPERED',
        severity: 'error',
        message: 'tampered: plan.md is not what plan.json renders to',
        hint: expect.stringContaining('plan again'),
        file: join(bundle, 'plan.md'),
      },
    ]);
    expect(distribution(report)?.requirements[0]).toMatchObject({
      satisfied: false,
      signedBy: ['ManufacturerMSP'],
      waitingFor: ['DistributorMSP'],
    });
  });

  it('copies of the spec and state inside the bundle, listed in plan.json with their hashes, make it invalid', async () => {
    const { bundle, network } = signedByManufacturerOnly();
    doctoredState(join(network, 'state'), join(bundle, '.cache', 'state'));
    const spec = `${readFileSync(join(network, 'network.yaml'), 'utf8')}\n# Admins: ANY\n`;
    writeFileSync(join(bundle, '.cache', 'network.yaml'), spec);
    rmSync(join(bundle, 'signatures', 'distribution', 'DistributorMSP.json'), { force: true });
    const planFile = join(bundle, 'plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.specFile = '.cache/network.yaml';
    plan.stateDir = '.cache/state';
    plan.specHash = sha256Hex(spec);
    for (const path of ['.cache/network.yaml', '.cache/state/fabric/distribution.block'])
      plan.files[path] = sha256Hex(readFileSync(join(bundle, path)));
    writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);

    const { code, report } = await verify(bundle);
    expect(code).toBe(1);
    expect(report.status).toBe('invalid');
    expect(coded(report.problems).join('\n')).toMatch(
      /NS_BUNDLE_FILE_UNLISTED .* is not listed in plan\.json|NS_SPEC_HASH_MISMATCH .*not the one this bundle was planned from/,
    );
    // Whatever the bundle claims, nobody signs it either.
    const files = adminFiles('distributor');
    const signing = runCli(['sign', bundle, '--msp-id', files.mspId, '--cert', files.certFile, '--key', files.keyFile]);
    expect(signing.code).toBe(1);
    expect(signing.stderr).toContain('the bundle does not verify: not signing it');
  });

  it('a signature file named after another organization does not count for it', async () => {
    const { bundle } = signedByManufacturerOnly();
    const signatures = join(bundle, 'signatures', 'distribution');
    cpSync(join(signatures, 'ManufacturerMSP.json'), join(signatures, 'DistributorMSP.json'));
    const { code, report } = await verify(bundle);
    // A file that can never count is a defect of the bundle: invalid, the file named.
    expect(code).toBe(1);
    expect(coded(distribution(report)?.problems).join('\n')).toMatch(
      /NS_SIGNATURE_WRONG_MSP signatures\/distribution\/DistributorMSP\.json: the file is named DistributorMSP\.json but holds a signature of ManufacturerMSP/,
    );
    const renamed = distribution(report)?.signatures.find((s) => s.source.endsWith('/DistributorMSP.json'));
    expect(renamed).toMatchObject({ valid: false, code: 'NS_SIGNATURE_WRONG_MSP' });
    const honest = distribution(report)?.signatures.find((s) => s.source.endsWith('/ManufacturerMSP.json'));
    expect(honest).toMatchObject({ valid: true });
  });

  it('a copy of a signature under a further-admin name is the duplicate, never the file named after its MSP', async () => {
    const { bundle } = signedByManufacturerOnly();
    const signatures = join(bundle, 'signatures', 'distribution');
    // ManufacturerMSP.0.json sorts before ManufacturerMSP.json.
    cpSync(join(signatures, 'ManufacturerMSP.json'), join(signatures, 'ManufacturerMSP.0.json'));
    const { code, report } = await verify(bundle);
    expect(code).toBe(1);
    const copy = distribution(report)?.signatures.find((s) => s.source.endsWith('/ManufacturerMSP.0.json'));
    expect(copy).toMatchObject({ valid: false, code: 'NS_SIGNATURE_DUPLICATE' });
    expect(copy?.reason).toMatch(/^duplicate of signatures\/distribution\/ManufacturerMSP\.json/);
    const honest = distribution(report)?.signatures.find((s) => s.source.endsWith('/ManufacturerMSP.json'));
    expect(honest).toMatchObject({ valid: true });
  });

  it('a plan.md edited to tell reviewers something else is refused, though plan.json lists its new hash', async () => {
    const { bundle } = signedByManufacturerOnly();
    const markdownFile = join(bundle, 'plan.md');
    const markdown = `${readFileSync(markdownFile, 'utf8').split('\n').slice(0, 3).join('\n')}\nNothing to change.\n`;
    writeFileSync(markdownFile, markdown);
    const planFile = join(bundle, 'plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.files['plan.md'] = sha256Hex(markdown);
    writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);
    const { code, report } = await verify(bundle);
    expect(code).toBe(1);
    expect(coded(report.problems)).toContain('NS_BUNDLE_TAMPERED tampered: plan.md is not what plan.json renders to');
  });

  it('guard findings plan.json does not get from the spec and the state are refused', async () => {
    const { code, report } = await verifyWithPlanEdited((plan) => {
      plan.guards.push({
        target: 'distribution',
        diagnostic: { code: 'NS_GUARD_ALLOWED', severity: 'warning', message: 'reviewed and allowed', ranges: [] },
      });
      return plan;
    });
    expect(code).toBe(1);
    expect(coded(report.problems)).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's guard findings differ from those the spec and the live state produce",
    );
  });

  it('a plan.json without the certificates the spec names is refused: plan.md would show reviewers no expiry list', async () => {
    const { code, report } = await verifyWithPlanEdited(({ certificates: _dropped, ...plan }) => plan);
    expect(code).toBe(1);
    expect(coded(report.problems)).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's certificates differ from those the spec names",
    );
  });

  it('a plan.json that hides a user change the spec calls for is refused: CI would never run apply --users', async () => {
    const { bundle } = bundleCreatingFactoryApp();
    const planFile = join(bundle, 'plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    const factoryApp = () =>
      plan.users
        .find((org: { organization: string }) => org.organization === 'manufacturer')
        .users.find((user: { user: string }) => user.user === 'factory-app');
    expect(factoryApp().action).toBe('create');
    const honest = await verify(bundle);
    expect(coded(honest.report.problems).filter((p) => p.includes('users'))).toEqual([]);
    factoryApp().action = 'noop';
    writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);
    const { code, report } = await verify(bundle);
    expect(code).toBe(1);
    expect(coded(report.problems)).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's users leave out manufacturer/factory-app (create), which the spec and the recorded users call for",
    );
  });

  it('a user change plan.json shows that was applied since (its record updated) is not refused', async () => {
    const { bundle, record, applied } = bundleCreatingFactoryApp();
    // apply --users converged the CA and recorded factory-app: the re-plan has nothing left for it.
    writeFileSync(record, applied);
    const { report } = await verify(bundle);
    expect(coded(report.problems).filter((p) => p.includes('users'))).toEqual([]);
  });

  it('certificate dates plan.json does not get from the spec are refused: plan.md shows them to reviewers', async () => {
    const { code, report } = await verifyWithPlanEdited((plan) => {
      const ca = plan.certificates.find((c: { kind: string; at?: unknown }) => c.kind === 'ca' && c.at);
      ca.notAfter = '2099-01-01T00:00:00.000Z';
      return plan;
    });
    expect(code).toBe(1);
    expect(coded(report.problems)).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's certificates differ from those the spec names",
    );
  });
});
