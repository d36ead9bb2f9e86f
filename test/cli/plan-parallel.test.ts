// A large consortium's plan emits its Kubernetes manifests in a worker thread: the bundle must be the very one
// a single-threaded plan makes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { makePlan } from '../../src/compiler/plan/index.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(root, name)).isFile())
    .map((name) => relative(root, join(root, name)))
    .sort();
}

describe('netspec plan on a consortium of 25 organizations', () => {
  it('writes the same Kubernetes manifests from its worker thread as a plan made on one thread', () => {
    const consortium = join(dir, 'consortium');
    execFileSync(process.execPath, [
      join(repoRoot, 'scripts/generate-consortium.mjs'),
      consortium,
      ...['--orgs', '24', '--channels', '3', '--chaincodes', '4', '--quorum', '1', '--validators', '4'],
    ]);
    const spec = join(consortium, 'network.yaml');
    const state = join(dir, 'empty-state');
    mkdirSync(state);
    const bundle = join(dir, 'bundle');
    const result = runCli(['plan', spec, '--state', state, '--out', bundle, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);

    const loaded = loadSpec(spec).value!;
    const inProcess = makePlan({
      loaded,
      specFile: spec,
      specBytes: readFileSync(spec),
      stateDir: state,
      timestamp: new Date(0),
    });
    const expected = [...inProcess.artifacts.keys()].filter((path) => path.startsWith('k8s/')).sort();
    expect(expected.length).toBeGreaterThan(25 * 5);
    expect(filesUnder(join(bundle, 'k8s')).map((name) => `k8s/${name}`)).toEqual(expected);
    for (const path of expected)
      expect(readFileSync(join(bundle, path), 'utf8')).toBe(Buffer.from(inProcess.artifacts.get(path)!).toString());
    const written = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8'));
    expect(written.kubernetes).toEqual(inProcess.plan!.kubernetes);
  });
});
