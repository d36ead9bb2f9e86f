import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyState } from '../helpers/plan-fixture.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const spec = 'networks/supply-chain/network.yaml';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('netspec plan', () => {
  it('prints the plan and exits 2 when there are changes', async () => {
    const result = await runCliInProcess(['plan', spec]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Channel production: update (config sequence 0)');
    expect(result.stdout).toContain(
      '/Channel/Application/Admins: MAJORITY of {DistributorMSP, ManufacturerMSP} admins -> 2 of 2',
    );
    expect(result.stdout).toContain(
      'Plan: 0 channels to create, 2 to update, 2 chaincode definitions, 0 validator votes, 24 Kubernetes objects.',
    );
  });

  it('writes a bundle that re-planning reproduces byte for byte', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-bundle-'));
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    expect((await runCliInProcess(['plan', spec, '--out', a])).code).toBe(2);
    expect((await runCliInProcess(['plan', spec, '--out', b, '--format', 'json'])).code).toBe(2);
    const files = listFiles(a).sort();
    // Each org with Kubernetes changes gets its whole folder (apply prunes by label, so it needs the full set).
    expect([...new Set(files.filter((f) => f.startsWith('k8s/')).map((f) => f.split('/')[1]))]).toEqual([
      'distributor',
      'manufacturer',
      'operator',
      'retailer',
    ]);
    expect(files.filter((f) => f.startsWith('k8s/retailer/'))).toEqual([
      'k8s/retailer/kustomization.yaml',
      'k8s/retailer/manifest.yaml',
    ]);
    expect(readFileSync(join(a, 'k8s/retailer/manifest.yaml'), 'utf8')).toContain(
      'kind: Deployment\nmetadata:\n  labels:\n',
    );
    expect(files.filter((f) => !f.startsWith('k8s/'))).toEqual([
      'fabric/distribution/chaincodes.json',
      'fabric/distribution/update.json',
      'fabric/distribution/update.pb',
      'fabric/production/chaincodes.json',
      'fabric/production/update.json',
      'fabric/production/update.pb',
      'plan.json',
      'plan.md',
    ]);
    for (const file of files) expect(readFileSync(join(b, file))).toEqual(readFileSync(join(a, file)));
    const plan = JSON.parse(readFileSync(join(a, 'plan.json'), 'utf8'));
    // Recorded relative to the bundle, for people reading it; verify never follows them.
    expect(plan).toMatchObject({
      formatVersion: 1,
      network: 'supply-chain',
      specFile: relative(a, join(repoRoot, spec)),
      stateDir: relative(a, join(repoRoot, 'networks/supply-chain/state')),
    });
    expect(readFileSync(join(a, 'plan.md'), 'utf8').startsWith('<!-- netspec-plan -->')).toBe(true);
    // Outside the network's folder, verify is told the spec (and finds the state beside it); it never follows
    // plan.json's specFile. No signatures yet: waiting.
    expect(await runCliInProcess(['verify', a], { cwd: tmpdir() })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('pass --spec <network.yaml>'),
    });
    const verified = await runCliInProcess(['verify', a, '--spec', join(repoRoot, spec)], { cwd: tmpdir() });
    expect(verified.stdout).toContain('waiting');
    expect(verified.code).toBe(2);
    // Replanning over an existing bundle replaces it whole.
    writeFileSync(join(a, 'stale.txt'), 'old');
    expect((await runCliInProcess(['plan', spec, '--out', a])).code).toBe(2);
    expect(existsSync(join(a, 'stale.txt'))).toBe(false);
  });

  it('prints JSON and markdown formats', async () => {
    const json = await runCliInProcess(['plan', spec, '--format', 'json']);
    expect(JSON.parse(json.stdout).summary).toMatchObject({ channelsUpdated: 2, hasChanges: true });
    const markdown = await runCliInProcess(['plan', spec, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^<!-- netspec-plan -->/);
    expect(markdown.stdout).toContain('```mermaid');
  });

  it('exits 0 when the live network matches the spec', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-match-'));
    const network = join(root, 'network');
    cpSync(join(repoRoot, 'networks/supply-chain'), network, {
      recursive: true,
      filter: (src) => !src.includes('/state'),
    });
    const specCopy = join(network, 'network.yaml');
    // Channels only: the live state below is the genesis blocks this very spec produces.
    const text = readFileSync(specCopy, 'utf8');
    writeFileSync(specCopy, text.slice(0, text.indexOf('chaincodes:')) + text.slice(text.indexOf('connection:')));
    const out = join(root, 'bundle');
    // A state folder with nothing in it: no channel exists yet.
    mkdirSync(join(root, 'empty-state'));
    expect((await runCliInProcess(['plan', specCopy, '--state', join(root, 'empty-state'), '--out', out])).code).toBe(
      2,
    );
    const state = join(root, 'state');
    cpSync(join(out, 'fabric/production/genesis.block'), join(state, 'fabric/production.block'));
    cpSync(join(out, 'fabric/distribution/genesis.block'), join(state, 'fabric/distribution.block'));
    cpSync(join(out, 'k8s'), join(state, 'k8s'), { recursive: true });
    // The users apply --users recorded as the spec has them (without a record, plan lists them to converge).
    cpSync(join(repoRoot, 'networks/supply-chain/state/users'), join(state, 'users'), { recursive: true });
    const result = await runCliInProcess(['plan', specCopy, '--state', state]);
    expect(result.stdout).toContain('Channel production: no changes (config sequence 0)');
    expect(result.stdout).toContain('No changes. The live network matches the spec.');
    expect(result.code).toBe(0);
  });

  it('refuses a blocked plan with exit 1 and writes no bundle', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-blocked-'));
    const network = join(root, 'network');
    cpSync(join(repoRoot, 'networks/supply-chain'), network, { recursive: true });
    const specCopy = join(network, 'network.yaml');
    writeFileSync(
      specCopy,
      readFileSync(specCopy, 'utf8')
        .replace('capabilities:', 'capabilities:')
        .replace(
          '  production:\n    members: [manufacturer, distributor]\n',
          '  production:\n    members: [manufacturer, distributor]\n    capabilities: { application: V2_0 }\n',
        ),
    );
    const out = join(root, 'bundle');
    const result = await runCliInProcess(['plan', specCopy, '--out', out]);
    expect(result.stdout).toMatch(
      /network\.yaml:\d+:\d+ error NS_GUARD_CAPABILITY_DOWNGRADE channel 'production' would lower its Application capability from V2_5 to V2_0/,
    );
    expect(result.stdout).toContain('BLOCKED by safety guards');
    expect(result.stderr).toContain('no bundle written');
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    // The channel artifacts staged while the plan ran are gone too.
    expect(readdirSync(root)).toEqual(['network']);
  });

  it('refuses a broken state file with exit 1, naming it, and writes no bundle', async () => {
    const state = copyState('supply-chain');
    writeFileSync(join(state, 'fabric/production.block'), Buffer.from([1, 2, 3]));
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-bad-state-')), 'bundle');
    const result = await runCliInProcess(['plan', spec, '--state', state, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('production.block');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
