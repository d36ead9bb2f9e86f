// A large consortium's plan emits its Kubernetes manifests in a worker thread: the bundle must be the very one
// a single-threaded plan makes.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

const consortium = join(dir, 'consortium');
const spec = join(consortium, 'network.yaml');
// 65 organizations: a spec over 16 KB, so the worker is started before the spec is even read.
execFileSync(process.execPath, [
  join(repoRoot, 'scripts/generate-consortium.mjs'),
  consortium,
  ...['--orgs', '64', '--channels', '8', '--chaincodes', '8', '--quorum', '1', '--validators', '4'],
]);

describe('netspec plan on a consortium of 65 organizations', () => {
  it('writes the same Kubernetes manifests from its worker thread as a plan made on one thread', () => {
    expect(statSync(spec).size).toBeGreaterThan(16 * 1024);
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
    expect(expected).toHaveLength(65 * 2);
    expect(filesUnder(join(bundle, 'k8s')).map((name) => `k8s/${name}`)).toEqual(expected);
    for (const path of expected)
      expect(readFileSync(join(bundle, path), 'utf8')).toBe(Buffer.from(inProcess.artifacts.get(path)!).toString());
    const written = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8'));
    expect(written.kubernetes).toEqual(inProcess.plan!.kubernetes);
  });

  it('ends at once on a spec with errors, though its worker was started ahead', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(spec, 'utf8').replace(/^name: /m, 'nmae: x\nname: '));
    const result = runCli(['plan', broken, '--state', join(dir, 'empty-state')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+ error NS_SCHEMA_UNKNOWN_KEY/);
  });

  it('ends at once when a rule refuses a spec whose model the worker already has', () => {
    const broken = join(dir, 'broken-rule.yaml');
    const text = readFileSync(spec, 'utf8');
    const member = /^ {4}members:\n {6}- (org\d+)$/m.exec(text);
    expect(member).not.toBeNull();
    writeFileSync(broken, text.replace(member![0], member![0].replace(member![1]!, 'org9999')));
    const result = runCli(['plan', broken, '--state', join(dir, 'empty-state'), '--out', join(dir, 'no-bundle')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken-rule\.yaml:\d+:\d+ error NS_UNKNOWN_ORG/);
    expect(existsSync(join(dir, 'no-bundle'))).toBe(false);
    // The bundle was staged once the model existed; the failed plan took the staging folder away again.
    expect(readdirSync(dir).filter((name) => name.startsWith('.no-bundle'))).toEqual([]);
  });
});
