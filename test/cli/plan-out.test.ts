// `plan --out` replaces only a plan bundle (or writes a new or empty folder), keeps the signatures its new update
// bytes still match, lists every file it wrote in plan.json, and leaves no staging folder when interrupted.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const refusing = 'refusing to replace it; choose an empty or new folder';

/** Every path under `root` with its type, mode and content (file bytes' SHA-256, link target). */
function snapshot(root: string): string {
  const lines: string[] = [];
  const visit = (path: string, shown: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) lines.push(`${shown} -> ${readlinkSync(path)}`);
    else if (stat.isFile()) lines.push(`${shown} ${stat.mode.toString(8)} ${sha256(readFileSync(path))}`);
    else if (stat.isDirectory()) {
      lines.push(`${shown}/ ${stat.mode.toString(8)}`);
      for (const name of readdirSync(path).sort()) visit(join(path, name), `${shown}/${name}`);
    }
  };
  visit(root, '.');
  return lines.join('\n');
}

/** Bundle-relative paths of the files under `dir`, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort();
}

/** A writable copy of the supply-chain example (spec, DEMO-ONLY MSP material, state) in a fresh folder. */
function exampleCopy(): { root: string; network: string; spec: string } {
  const root = mkdtempSync(join(tmpdir(), 'netspec-plan-out-'));
  const network = join(root, 'supply-chain');
  cpSync(join(repoRoot, 'networks/supply-chain'), network, { recursive: true });
  return { root, network, spec: join(network, 'network.yaml') };
}

describe('netspec plan --out refuses what is not a plan bundle', () => {
  const cases: [string, (root: string, network: string) => string, (out: string) => string][] = [
    [
      'a non-empty folder without plan.json',
      (root) => {
        mkdirSync(join(root, 'notes'));
        writeFileSync(join(root, 'notes/todo.txt'), 'mine');
        return join(root, 'notes');
      },
      (out) => `${out} is not a plan bundle (no plan.json) and not empty`,
    ],
    [
      "a git repository's root (even one holding a plan.json)",
      (root) => {
        const repo = join(root, 'repo');
        mkdirSync(repo);
        execFileSync('git', ['init', '-q', repo]);
        writeFileSync(join(repo, 'plan.json'), '{}');
        writeFileSync(join(repo, 'README.md'), 'work');
        return repo;
      },
      (out) => `${out} holds a git repository (.git)`,
    ],
    ['the state folder', (_root, network) => join(network, 'state'), (out) => `${out} is the state folder`],
    [
      'the folder holding the spec',
      (_root, network) => network,
      (out) => `${out} holds the spec (${join(out, 'network.yaml')})`,
    ],
    [
      'an existing file',
      (root) => {
        writeFileSync(join(root, 'bundle.txt'), 'not a folder');
        return join(root, 'bundle.txt');
      },
      (out) => `${out} is a file, not a folder`,
    ],
  ];

  it.each(cases)('%s, leaving it byte for byte as it was', async (_name, make, problem) => {
    const { root, network, spec } = exampleCopy();
    const out = make(root, network);
    const before = snapshot(root);
    const result = await runCli(['plan', spec, '--out', out]);
    expect(result.stderr).toBe(`netspec: --out ${problem(out)}: ${refusing}\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(snapshot(root)).toBe(before);
  });
});

describe('netspec plan --out into a bundle', () => {
  it('writes a new folder and an empty one, and replaces a bundle whole', async () => {
    const { root, spec } = exampleCopy();
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect((await runCli(['plan', spec, '--out', empty])).code).toBe(2);
    const bundle = join(root, 'bundle');
    expect((await runCli(['plan', spec, '--out', bundle])).code).toBe(2);
    expect(filesUnder(empty)).toEqual(filesUnder(bundle));
    writeFileSync(join(bundle, 'stale.txt'), 'from before');
    const result = await runCli(['plan', spec, '--out', bundle]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    expect(existsSync(join(bundle, 'stale.txt'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['bundle', 'empty', 'supply-chain']);
  });

  it("lists every file it wrote but plan.json and signatures in plan.json's files, with their SHA-256", async () => {
    const { root, spec } = exampleCopy();
    const bundle = join(root, 'bundle');
    const result = await runCli(['plan', spec, '--out', bundle, '--format', 'json']);
    expect(result.code).toBe(2);
    const plan = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8'));
    // stdout is plan.json itself.
    expect(result.stdout).toBe(readFileSync(join(bundle, 'plan.json'), 'utf8'));
    expect(plan.formatVersion).toBe(1);
    const listed = Object.keys(plan.files);
    expect(listed).toEqual([...listed].sort());
    expect(listed).toEqual(filesUnder(bundle).filter((path) => path !== 'plan.json'));
    expect(listed).toContain('plan.md');
    expect(listed).toContain('fabric/production/update.pb');
    expect(listed.some((path) => path.startsWith('k8s/'))).toBe(true);
    for (const path of listed) expect(plan.files[path]).toBe(sha256(readFileSync(join(bundle, path))));
    // Without --out there is no bundle, and so no files.
    expect(JSON.parse((await runCli(['plan', spec, '--format', 'json'])).stdout)).not.toHaveProperty('files');
  });

  it('keeps the signatures whose update bytes are unchanged and drops the others, saying so', async () => {
    const { root, spec } = exampleCopy();
    const bundle = join(root, 'bundle');
    expect((await runCli(['plan', spec, '--out', bundle])).code).toBe(2);
    const signatures = {
      'distribution/DistributorMSP.json': '{"signed":"distribution by the distributor"}\n',
      'distribution/ManufacturerMSP.json': '{"signed":"distribution by the manufacturer"}\n',
      'production/OperatorMSP.json': '{"signed":"production by the operator"}\n',
    };
    for (const [path, text] of Object.entries(signatures)) {
      mkdirSync(join(bundle, 'signatures', path, '..'), { recursive: true });
      writeFileSync(join(bundle, 'signatures', path), text);
    }
    const distribution = readFileSync(join(bundle, 'fabric/distribution/update.pb'));
    const production = readFileSync(join(bundle, 'fabric/production/update.pb'));

    // Re-planned as it is, every signature still holds.
    const same = await runCli(['plan', spec, '--out', bundle]);
    expect(same.code).toBe(2);
    expect(same.stderr).toBe(
      'netspec: kept 3 signatures (distribution: DistributorMSP, ManufacturerMSP; production: OperatorMSP)\n',
    );
    for (const [path, text] of Object.entries(signatures))
      expect(readFileSync(join(bundle, 'signatures', path), 'utf8')).toBe(text);

    // Only production's batch size changes: its update is new, distribution's is the same bytes.
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('maxMessageCount: 500', 'maxMessageCount: 600'));
    const changed = await runCli(['plan', spec, '--out', bundle, '--format', 'json']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toBe(
      'netspec: kept 2 signatures (distribution: DistributorMSP, ManufacturerMSP); dropped 1: production/OperatorMSP.json (the update changed: sign again)\n',
    );
    expect(JSON.parse(changed.stdout).files).not.toHaveProperty('signatures/distribution/DistributorMSP.json');
    expect(readFileSync(join(bundle, 'fabric/distribution/update.pb'))).toEqual(distribution);
    expect(readFileSync(join(bundle, 'fabric/production/update.pb'))).not.toEqual(production);
    expect(filesUnder(join(bundle, 'signatures'))).toEqual([
      'distribution/DistributorMSP.json',
      'distribution/ManufacturerMSP.json',
    ]);
    for (const path of ['distribution/DistributorMSP.json', 'distribution/ManufacturerMSP.json'])
      expect(readFileSync(join(bundle, 'signatures', path), 'utf8')).toBe(signatures[path as keyof typeof signatures]);
  });
});

describe('netspec plan --out staging folders', () => {
  it('sweeps a staging folder left by a process that no longer runs, and leaves a live one', async () => {
    const { root, spec } = exampleCopy();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftovers = [`.x.tmp-${dead}-abc`, `.x.tmp-${dead}-abc.old`, `.x.tmp-${process.pid}-abc`, '.x.tmp-abc'];
    for (const name of leftovers) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'plan.json'), '{}');
    }
    mkdirSync(join(root, 'x'));
    expect((await runCli(['plan', spec, '--out', join(root, 'x')])).code).toBe(2);
    expect(readdirSync(root).sort()).toEqual(['.x.tmp-abc', `.x.tmp-${process.pid}-abc`, 'supply-chain', 'x'].sort());
  });

  // A consortium of 200 organizations (scripts/generate-consortium.mjs): its plan runs long enough to be interrupted
  // while the bundle is staged, the Kubernetes worker writing into the staging folder too.
  const large = mkdtempSync(join(tmpdir(), 'netspec-plan-interrupted-'));
  const largeSpec = join(large, 'consortium/network.yaml');
  let generated = false;

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'removes its staging folder when interrupted with %s, and exits %i',
    async (signal, exitCode) => {
      if (!generated) {
        execFileSync(process.execPath, [join(repoRoot, 'scripts/generate-consortium.mjs'), join(large, 'consortium')]);
        generated = true;
      }
      const parent = mkdtempSync(join(large, 'out-'));
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'bin/netspec.js'), 'plan', largeSpec, '--out', join(parent, 'bundle')],
        {
          cwd: repoRoot,
          env: { ...process.env, NO_COLOR: '1', NETSPEC_DEBUG: '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      let running = true;
      void exited.then(() => {
        running = false;
      });
      // Interrupted as soon as its staging folder appears.
      while (running && !readdirSync(parent).some((name) => name.startsWith('.bundle.tmp-')))
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(running).toBe(true);
      child.kill(signal);
      expect(await exited).toEqual({ code: exitCode, signal: null });
      expect(stderr).toBe('');
      expect(readdirSync(parent)).toEqual([]);
    },
    180_000,
  );
});
