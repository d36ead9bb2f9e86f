// The policy model is one module with one door: code outside src/policy reaches it only through
// src/policy/index.ts, and the module itself depends on no stage that uses it (plan, governance, apply), so
// "who must sign" and "did they sign" cannot drift into two definitions. The test network's judges
// (test/apply/fabric/_*.ts) never borrow netspec's policy code: their verdicts must stay evidence, not an echo.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

const POLICY = join(repoRoot, 'src', 'policy');
const DOOR = join(POLICY, 'index.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files a module imports by relative path, every kind of import counted as test/helpers/import-graph.ts does. */
function importsOf(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.filter(({ fileName }) => fileName.startsWith('.'))
    .map(({ fileName }) => resolve(dirname(file), fileName).replace(/\.js$/, '.ts'));
}

const inside = (file: string, dir: string) => !relative(dir, file).startsWith('..');
const name = (file: string) => relative(repoRoot, file);

const everyFile = [...sourceFiles(join(repoRoot, 'src')), ...sourceFiles(join(repoRoot, 'test'))];

describe('the policy module', () => {
  it('is reached from outside only through src/policy/index.ts', () => {
    const users = everyFile.filter((file) => !inside(file, POLICY));
    const throughTheDoor = users.filter((file) => importsOf(file).includes(DOOR)).map(name);
    // The scan sees real imports: plan, governance, apply and the console all use the module.
    for (const user of [
      'src/compiler/plan/plan-channel.ts',
      'src/governance/verify-update.ts',
      'src/apply/fabric/lifecycle-endorsement.ts',
      'src/console/network-overview.ts',
    ])
      expect(throughTheDoor).toContain(user);
    const internals = users.flatMap((file) =>
      importsOf(file)
        .filter((target) => inside(target, POLICY) && target !== DOOR)
        .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(internals).toEqual([]);
  });

  it('imports nothing from the stages that use it', () => {
    const forbidden = ['src/compiler/plan', 'src/governance', 'src/apply', 'src/cli', 'src/console'].map((dir) =>
      join(repoRoot, dir),
    );
    const found = sourceFiles(POLICY).flatMap((file) =>
      importsOf(file)
        .filter((target) => forbidden.some((dir) => inside(target, dir)))
        .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(found).toEqual([]);
  });

  it("is not what the test network's judges judge with", () => {
    const judges = sourceFiles(join(repoRoot, 'test', 'apply', 'fabric')).filter((file) => /\/_[^/]+\.ts$/.test(file));
    expect(judges.map(name)).toContain('test/apply/fabric/_orderer-judge.ts');
    const found = judges.flatMap((file) =>
      importsOf(file)
        .filter((target) => inside(target, POLICY))
        .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(found).toEqual([]);
    const orderer = importsOf(join(repoRoot, 'test', 'apply', 'fabric', '_orderer-judge.ts'));
    const borrowed = orderer.filter((target) =>
      ['src/governance', 'src/compiler/plan'].some((dir) => inside(target, join(repoRoot, dir))),
    );
    expect(borrowed.map(name)).toEqual([]);
  });

  it("lets the test network's fakes judge no identity with netspec's governance or policy code", () => {
    const fabric = join(repoRoot, 'test', 'apply', 'fabric');
    const servers = sourceFiles(fabric).filter((file) => /\/_fake-[^/]+\.ts$/.test(file));
    expect(servers.map(name)).toEqual(
      expect.arrayContaining(['test/apply/fabric/_fake-fabric.ts', 'test/apply/fabric/_fake-lifecycle.ts']),
    );
    expect(verdictBorrowers(servers)).toEqual([]);
  });

  it('notices a fake that borrows a verdict from src/governance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-boundary-'));
    try {
      const planted = join(dir, '_fake-planted.ts');
      const governance = relative(dir, join(repoRoot, 'src', 'governance', 'index.js'));
      writeFileSync(planted, `import { isAdmin } from '${governance}';\nexport const judge = isAdmin;\n`);
      expect(verdictBorrowers([planted])).toEqual([`${name(planted)} -> src/governance/index.ts`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Imports of src/governance or src/policy by the given test servers or by the test modules they rely on (followed
 * transitively inside test/): a fake peer or orderer must answer from its own rules, not echo the code under test.
 */
function verdictBorrowers(servers: string[]): string[] {
  const forbidden = ['src/governance', 'src/policy'].map((dir) => join(repoRoot, dir));
  const testDir = join(repoRoot, 'test');
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const target of importsOf(file)) {
      if (forbidden.some((dir) => inside(target, dir))) found.push(`${name(file)} -> ${name(target)}`);
      else if (inside(target, testDir) || inside(target, dirname(file))) visit(target);
    }
  };
  servers.forEach(visit);
  return found;
}
