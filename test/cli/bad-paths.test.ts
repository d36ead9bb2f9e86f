// Every command against the file-system mistakes a user makes: a path that is not there, a folder where a file
// belongs, a file where a folder belongs, a place netspec may not write, a path under a file, a target that holds
// something netspec did not write. Each must end with exit 1, a message naming the path, no stack trace, and no
// file written anywhere in the scratch folder.
//
// A single-file output (--output) that already exists as a file is overwritten on purpose, as a shell's `>` does;
// "existing non-empty target" applies to commands that write folders (init, plan --out).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const SPEC = 'networks/supply-chain/network.yaml';
const BUNDLE_SPEC = 'networks/supply-chain/network.yaml';
const QUORUM_SPEC = 'networks/quickstart/network.yaml';

/** The paths a row may name. */
interface Scratch {
  /** An ordinary file with some text. */
  file: string;
  /** An empty folder. */
  folder: string;
  /** A folder holding a file netspec did not write. */
  full: string;
  /** Nothing there. */
  missing: string;
  /** A path whose parent is a file. */
  underFile: string;
  /** Linux sysfs refuses new files even to root, so this holds whoever runs the tests. */
  unwritable: string;
}

type Situation =
  | 'missing path'
  | 'folder for file'
  | 'file for folder'
  | 'unwritable'
  | 'under a file'
  | 'non-empty target';

interface Row {
  command: string;
  situation: Situation;
  /** The arguments, and the path the message must name. */
  run: (paths: Scratch) => { args: string[]; names: string };
}

const rows: Row[] = [
  // validate
  { command: 'validate', situation: 'missing path', run: (p) => ({ args: ['validate', p.missing], names: p.missing }) },
  {
    command: 'validate',
    situation: 'folder for file',
    run: (p) => ({ args: ['validate', p.folder], names: p.folder }),
  },
  // plan
  { command: 'plan', situation: 'missing path', run: (p) => ({ args: ['plan', p.missing], names: p.missing }) },
  { command: 'plan', situation: 'folder for file', run: (p) => ({ args: ['plan', p.folder], names: p.folder }) },
  {
    command: 'plan --state',
    situation: 'missing path',
    run: (p) => ({ args: ['plan', SPEC, '--state', p.missing], names: p.missing }),
  },
  {
    command: 'plan --state',
    situation: 'file for folder',
    run: (p) => ({ args: ['plan', SPEC, '--state', p.file], names: p.file }),
  },
  {
    command: 'plan --out',
    situation: 'file for folder',
    run: (p) => ({ args: ['plan', SPEC, '--out', p.file], names: p.file }),
  },
  {
    command: 'plan --out',
    situation: 'under a file',
    run: (p) => ({ args: ['plan', SPEC, '--out', p.underFile], names: p.underFile }),
  },
  {
    command: 'plan --out',
    situation: 'unwritable',
    run: (p) => ({ args: ['plan', SPEC, '--out', p.unwritable], names: p.unwritable }),
  },
  {
    command: 'plan --out',
    situation: 'non-empty target',
    run: (p) => ({ args: ['plan', SPEC, '--out', p.full], names: p.full }),
  },
  // genesis
  {
    command: 'genesis',
    situation: 'missing path',
    run: (p) => ({
      args: ['genesis', p.missing, '--channel', 'production', '--output', join(p.folder, 'x.block')],
      names: p.missing,
    }),
  },
  ...outputFileRows('genesis', (output) => ['genesis', SPEC, '--channel', 'production', '--output', output]),
  ...outputFileRows('connection-profile', (output) => ['connection-profile', SPEC, 'manufacturer', '--output', output]),
  ...outputFileRows('codeowners', (output) => ['codeowners', SPEC, '--output', output]),
  ...outputFileRows('graph', (output) => ['graph', SPEC, '--output', output]),
  ...outputFileRows('quorum genesis', (output) => ['quorum', 'genesis', QUORUM_SPEC, '--output', output]),
  ...outputFileRows('decode', (output) => [
    'decode',
    '--type',
    'common.Block',
    'test/fixtures/fabric/genesis.block',
    '--output',
    output,
  ]),
  {
    command: 'codeowners --root',
    situation: 'file for folder',
    run: (p) => ({ args: ['codeowners', SPEC, '--root', p.file], names: p.file }),
  },
  // manifests and quorum artifacts write folders
  ...outputFolderRows('manifests', (out) => ['manifests', SPEC, '--out', out]),
  ...outputFolderRows('quorum artifacts', (out) => ['quorum', 'artifacts', QUORUM_SPEC, '--out', out]),
  // codec inputs
  {
    command: 'decode',
    situation: 'missing path',
    run: (p) => ({ args: ['decode', '--type', 'common.Block', p.missing], names: p.missing }),
  },
  {
    command: 'decode',
    situation: 'folder for file',
    run: (p) => ({ args: ['decode', '--type', 'common.Block', p.folder], names: p.folder }),
  },
  {
    command: 'encode',
    situation: 'folder for file',
    run: (p) => ({ args: ['encode', '--type', 'common.Block', p.folder], names: p.folder }),
  },
  {
    command: 'compute-update',
    situation: 'missing path',
    run: (p) => ({
      args: ['compute-update', '--channel-id', 'c', '--original', p.missing, '--updated', p.file],
      names: p.missing,
    }),
  },
  // sign, verify, apply: keys, certificates, bundles, spec and state
  {
    command: 'sign --key',
    situation: 'folder for file',
    run: (p) => ({
      args: ['sign', p.folder, '--msp-id', 'ManufacturerMSP', '--cert', p.file, '--key', p.folder],
      names: p.folder,
    }),
  },
  {
    command: 'sign --cert',
    situation: 'missing path',
    run: (p) => ({
      args: ['sign', p.folder, '--msp-id', 'ManufacturerMSP', '--cert', p.missing, '--key', p.file],
      names: p.missing,
    }),
  },
  {
    command: 'sign',
    situation: 'file for folder',
    run: (p) => ({
      args: ['sign', p.file, '--msp-id', 'ManufacturerMSP', '--cert', p.file, '--key', p.file],
      names: p.file,
    }),
  },
  {
    command: 'sign --envelope --output',
    situation: 'folder for file',
    run: (p) => ({
      args: ['sign', '--envelope', p.file, '--msp-id', 'M', '--cert', p.file, '--key', p.file, '--output', p.folder],
      names: p.folder,
    }),
  },
  { command: 'verify', situation: 'missing path', run: (p) => ({ args: ['verify', p.missing], names: p.missing }) },
  { command: 'verify', situation: 'file for folder', run: (p) => ({ args: ['verify', p.file], names: p.file }) },
  {
    command: 'verify --spec',
    situation: 'folder for file',
    run: (p) => ({ args: ['verify', p.folder, '--spec', p.folder], names: p.folder }),
  },
  {
    command: 'verify --state',
    situation: 'file for folder',
    run: (p) => ({ args: ['verify', p.folder, '--spec', BUNDLE_SPEC, '--state', p.file], names: p.file }),
  },
  {
    command: 'verify --envelope',
    situation: 'missing path',
    run: (p) => ({ args: ['verify', '--envelope', p.missing, '--config', p.file], names: p.missing }),
  },
  { command: 'apply', situation: 'missing path', run: (p) => ({ args: ['apply', p.missing], names: p.missing }) },
  { command: 'apply', situation: 'file for folder', run: (p) => ({ args: ['apply', p.file], names: p.file }) },
  {
    command: 'apply --users --enroll-out',
    situation: 'file for folder',
    run: (p) => ({ args: ['apply', p.folder, '--users', '--enroll-out', p.file], names: p.file }),
  },
  {
    command: 'apply --key',
    situation: 'folder for file',
    run: (p) => ({ args: ['apply', p.folder, '--key', p.folder], names: p.folder }),
  },
  // fetch
  {
    command: 'fetch --out',
    situation: 'file for folder',
    run: (p) => ({ args: ['fetch', SPEC, '--out', p.file], names: p.file }),
  },
  {
    command: 'fetch --cert',
    situation: 'missing path',
    run: (p) => ({ args: ['fetch', SPEC, '--out', p.folder, '--cert', p.missing, '--key', p.file], names: p.missing }),
  },
  // init and crypto write folders of their own
  { command: 'init', situation: 'file for folder', run: (p) => ({ args: ['init', '--quick', p.file], names: p.file }) },
  {
    command: 'init',
    situation: 'under a file',
    run: (p) => ({ args: ['init', '--quick', p.underFile], names: p.underFile }),
  },
  {
    command: 'init',
    situation: 'non-empty target',
    run: (p) => ({ args: ['init', '--quick', p.full], names: p.full }),
  },
  {
    command: 'init',
    situation: 'unwritable',
    run: (p) => ({ args: ['init', '--quick', p.unwritable], names: p.unwritable }),
  },
  { command: 'crypto', situation: 'missing path', run: (p) => ({ args: ['crypto', p.missing], names: p.missing }) },
  { command: 'crypto', situation: 'folder for file', run: (p) => ({ args: ['crypto', p.folder], names: p.folder }) },
  // the other spec readers
  ...['secrets manufacturer', 'status', 'connection-profile manufacturer', 'manifests --out x', 'graph'].map(
    (command): Row => ({
      command: command.split(' ')[0]!,
      situation: 'missing path',
      run: (p) => {
        const [name, ...rest] = command.split(' ');
        return { args: [name!, p.missing, ...rest.map((arg) => (arg === 'x' ? p.folder : arg))], names: p.missing };
      },
    }),
  ),
];

/** --output <file>: a folder, a path under a file, a place netspec may not write. */
function outputFileRows(command: string, args: (output: string) => string[]): Row[] {
  return [
    { command, situation: 'folder for file', run: (p) => ({ args: args(p.folder), names: p.folder }) },
    { command, situation: 'under a file', run: (p) => ({ args: args(p.underFile), names: p.underFile }) },
    { command, situation: 'unwritable', run: (p) => ({ args: args(p.unwritable), names: p.unwritable }) },
  ];
}

/** --out <dir>: a file, a path under a file, a place netspec may not write. */
function outputFolderRows(command: string, args: (out: string) => string[]): Row[] {
  return [
    { command, situation: 'file for folder', run: (p) => ({ args: args(p.file), names: p.file }) },
    { command, situation: 'under a file', run: (p) => ({ args: args(p.underFile), names: p.underFile }) },
    { command, situation: 'unwritable', run: (p) => ({ args: args(p.unwritable), names: p.unwritable }) },
  ];
}

let root: string;
let paths: Scratch;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'netspec-bad-paths-'));
  paths = {
    file: join(root, 'a-file.txt'),
    folder: join(root, 'a-folder'),
    full: join(root, 'a-full-folder'),
    missing: join(root, 'not-there', 'network.yaml'),
    underFile: join(root, 'a-file.txt', 'inside'),
    unwritable: '/sys/netspec-bad-paths/out',
  };
  writeFileSync(paths.file, 'not what netspec expects\n');
  mkdirSync(paths.folder);
  mkdirSync(paths.full);
  writeFileSync(join(paths.full, 'keep.txt'), 'someone else’s file\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file and folder under the scratch root with its size and time: a write shows as a difference. */
function snapshot(): string[] {
  const entries: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      entries.push(`${relative(root, path)} ${stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(root);
  return entries.sort();
}

const canRefuseWrites = process.platform === 'linux';

describe('every command refuses a bad path with exit 1, the path named, no stack trace, nothing written', () => {
  it.each(rows.map((row) => [row.command, row.situation, row] as const))('%s: %s', async (_command, situation, row) => {
    if (situation === 'unwritable' && !canRefuseWrites) return;
    const { args, names } = row.run(paths);
    const before = snapshot();
    const result = await runCli(args);
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(1);
    expect(output).toContain(names);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain('internal error');
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['validate', ['validate']],
    ['plan', ['plan']],
    ['status', ['status']],
    ['secrets', ['secrets', '__spec__', 'manufacturer']],
  ])('%s --format json reports a spec that does not load as JSON on stdout', async (_name, command) => {
    const args = command.includes('__spec__')
      ? command.map((arg) => (arg === '__spec__' ? paths.missing : arg))
      : [...command, paths.missing];
    const result = await runCli([...args, '--format', 'json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    const diagnostics = Array.isArray(parsed) ? parsed : parsed.diagnostics;
    expect(diagnostics[0]).toMatchObject({ code: 'NS_FILE_NOT_FOUND', ranges: [{ file: paths.missing }] });
  });

  it('says the same as a JSON diagnostic on stdout with --format json', async () => {
    const result = await runCli(['plan', SPEC, '--state', paths.file, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        code: 'NS_PATH_WRONG_KIND',
        severity: 'error',
        message: `--state ${paths.file} is a file; name a folder`,
        ranges: [{ file: paths.file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }],
      },
    ]);
  });
});
