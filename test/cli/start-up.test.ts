// Start-up loads only what the command runs: help and the protobuf commands never load the YAML parsers or the
// schema validator (the bulk of the bundle), which only commands that read a spec need. The process boundary is
// the point here, so the real binary runs, with a loader hook that names every module it loads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeExampleBundle } from '../governance/_fixtures.js';
import { repoRoot } from '../helpers/run-cli.js';

const recorder = fileURLToPath(new URL('./_module-recorder/register.mjs', import.meta.url));

/** What each bundle chunk holds, as the build recorded it (dist/cli-bundle/chunk-sources.json, by repo path). */
const chunkSources = JSON.parse(readFileSync(join(repoRoot, 'dist/cli-bundle/chunk-sources.json'), 'utf8')) as Record<
  string,
  string[]
>;

/** The source files inside every module the command loaded: a chunk's inputs, or the module file itself. */
function sourcesLoadedBy(args: string[]): { code: number | null; sources: string[] } {
  const result = spawnSync(process.execPath, ['--import', recorder, 'bin/netspec.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const files = [...result.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((match) => fileURLToPath(match[1]!));
  const sources = files.flatMap((file) => {
    const chunk = relative(repoRoot, file).split(sep).join('/');
    if (!chunk.startsWith('dist/cli-bundle/')) return [file];
    const inputs = chunkSources[chunk];
    if (!inputs) throw new Error(`${chunk} is not in dist/cli-bundle/chunk-sources.json: build again`);
    return inputs;
  });
  return { code: result.status, sources };
}

const YAML_PACKAGE = /node_modules\/yaml\//;
const HEAVY = [YAML_PACKAGE, /node_modules\/js-yaml\//, /validate\/generated\//, /node_modules\/ajv\//];
/** Curve arithmetic: node:crypto checks a Quorum node key; the library stays for the tests' own judge. */
const CURVES = /node_modules\/@noble\/curves\//;
/** The Kubernetes emitters and their template engine: plan's, never verify's (it re-plans the ledgers only). */
const KUBERNETES = [/compiler\/k8s\//, /node_modules\/handlebars\//];

describe('start-up', () => {
  it.each([
    [['--help']],
    [['plan', '--help']],
    [['decode', '--type', 'common.Block', 'test/fixtures/fabric/config.pb']],
  ])('netspec %j loads no YAML parser and no schema validator', (args) => {
    const { code, sources } = sourcesLoadedBy(args);
    expect(code).toBe(0);
    expect(sources.length).toBeGreaterThan(0);
    for (const heavy of HEAVY) expect(sources.filter((source) => heavy.test(source))).toEqual([]);
  });

  it('validate does load them: the check above would see them', () => {
    const { code, sources } = sourcesLoadedBy(['validate', 'networks/quickstart/network.yaml']);
    expect(code).toBe(0);
    for (const heavy of [/node_modules\/js-yaml\//, /validate\/generated\//])
      expect(
        sources.some((source) => heavy.test(source)),
        String(heavy),
      ).toBe(true);
  });

  it('validate of a valid spec never loads the yaml package: only a finding’s position or a careful parse needs it', () => {
    const clean = sourcesLoadedBy(['validate', 'networks/supply-chain/network.yaml']);
    expect(clean.code).toBe(0);
    expect(clean.sources.filter((source) => YAML_PACKAGE.test(source))).toEqual([]);
    // A spec with a mistake: the finding points at its line and column, which the yaml package locates.
    const dir = mkdtempSync(join(tmpdir(), 'netspec-start-up-'));
    const spec = join(dir, 'network.yaml');
    writeFileSync(
      spec,
      readFileSync(join(repoRoot, 'networks/supply-chain/network.yaml'), 'utf8').replace(
        /^organizations:\n/m,
        'organizations:\n  extra:\n    mspId: ExtraMSP\n    colour: blue\n',
      ),
    );
    const result = spawnSync(process.execPath, ['--import', recorder, 'bin/netspec.js', 'validate', spec], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(
      /network\.yaml:\d+:\d+ error NS_SCHEMA_UNKNOWN_KEY unknown key 'colour'/,
    );
    expect(result.stderr).toMatch(/^LOADED file:\S+\/dist\/cli-bundle\/yaml\.cjs$/m);
  });

  it('validate of a spec without Quorum networks loads no curve arithmetic', () => {
    const { code, sources } = sourcesLoadedBy(['validate', 'networks/supply-chain/network.yaml']);
    expect(code).toBe(0);
    expect(sources.some((source) => /validate\/generated\//.test(source))).toBe(true);
    expect(sources.filter((source) => CURVES.test(source))).toEqual([]);
  });

  it('verify loads neither the Kubernetes emitters nor curve arithmetic', () => {
    const { code, sources } = sourcesLoadedBy(['verify', writeExampleBundle()]);
    // Waiting for signatures: the bundle was judged, with the re-plan that ran.
    expect(code).toBe(2);
    expect(sources.some((source) => /compiler\/plan\/ledger-plan/.test(source))).toBe(true);
    for (const heavy of [...KUBERNETES, CURVES]) expect(sources.filter((source) => heavy.test(source))).toEqual([]);
  });

  it('plan does load the Kubernetes emitters: the check above would see them', () => {
    const { code, sources } = sourcesLoadedBy(['plan', 'networks/supply-chain/network.yaml']);
    expect(code).toBe(2);
    for (const heavy of KUBERNETES)
      expect(
        sources.some((source) => heavy.test(source)),
        String(heavy),
      ).toBe(true);
  });
});
