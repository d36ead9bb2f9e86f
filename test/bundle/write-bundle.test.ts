import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkOutFolder,
  OutFolderRefused,
  type OutFolderRules,
  stageBundle,
  writeBundle,
} from '../../src/bundle/write-bundle.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function existingBundle() {
  const root = mkdtempSync(join(tmpdir(), 'netspec-write-bundle-'));
  const dir = join(root, 'bundle');
  writeBundle(dir, new Map([['plan.json', bytes('old')]]));
  return { root, dir };
}

describe('stageBundle', () => {
  it('puts a bundle written in parts in place of the old one at commit, and not before', () => {
    const { root, dir } = existingBundle();
    const staged = stageBundle(dir);
    staged.write(new Map([['fabric/a/update.pb', bytes('a')]]));
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe('old');
    // A path written before keeps its first bytes: the plan hands its early artifacts in twice.
    staged.write(
      new Map([
        ['fabric/a/update.pb', bytes('changed')],
        ['plan.json', bytes('new')],
      ]),
    );
    staged.commit();
    staged.abandon();
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'fabric/a/update.pb'), 'utf8')).toBe('a');
    expect(readdirSync(root)).toEqual(['bundle']);
  });

  it('leaves the old bundle and no staging folder behind when abandoned', () => {
    const { root, dir } = existingBundle();
    const staged = stageBundle(dir);
    staged.write(new Map([['plan.json', bytes('new')]]));
    staged.abandon();
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['bundle']);
  });

  it('removes the folders it made for the bundle when abandoned, and only those', () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-write-bundle-'));
    mkdirSync(join(root, 'kept'));
    const staged = stageBundle(join(root, 'kept/new/deeper/bundle'));
    staged.write(new Map([['plan.json', bytes('x')]]));
    expect(readdirSync(join(root, 'kept/new/deeper'))).toHaveLength(1);
    staged.abandon();
    expect(readdirSync(root)).toEqual(['kept']);
    expect(readdirSync(join(root, 'kept'))).toEqual([]);
  });

  it('refuses a path that leaves the bundle, and writeBundle then leaves nothing behind', () => {
    const { root, dir } = existingBundle();
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere/keep'), 'x');
    expect(() => writeBundle(dir, new Map([['../elsewhere/keep', bytes('y')]]))).toThrow(/escapes the bundle/);
    expect(readFileSync(join(root, 'elsewhere/keep'), 'utf8')).toBe('x');
    expect(readdirSync(root).sort()).toEqual(['bundle', 'elsewhere']);
  });
});

/** Every path under `root` with its type and content (file bytes' SHA-256, link target), for byte-identity checks. */
function snapshot(root: string): string {
  const lines: string[] = [];
  const visit = (path: string, shown: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) lines.push(`${shown} -> ${readlinkSync(path)}`);
    else if (stat.isFile())
      lines.push(`${shown} ${stat.mode.toString(8)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    else if (stat.isDirectory()) {
      lines.push(`${shown}/ ${stat.mode.toString(8)}`);
      for (const name of readdirSync(path).sort()) visit(join(path, name), `${shown}/${name}`);
    }
  };
  visit(root, '.');
  return lines.join('\n');
}

const refusing = 'refusing to replace it; choose an empty or new folder';

describe('checkOutFolder', () => {
  const root = () => mkdtempSync(join(tmpdir(), 'netspec-out-folder-'));

  it('accepts a missing folder, an empty one and a plan bundle', () => {
    const dir = root();
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'bundle'));
    writeFileSync(join(dir, 'bundle/plan.json'), '{}');
    writeFileSync(join(dir, 'bundle/extra.txt'), 'x');
    for (const name of ['missing', 'missing/deeper', 'empty', 'bundle'])
      expect(checkOutFolder(join(dir, name))).toEqual({ ok: true });
  });

  it('refuses what it did not write, naming the path as given and what was expected', () => {
    const dir = root();
    mkdirSync(join(dir, 'work'));
    writeFileSync(join(dir, 'work/notes.txt'), 'mine');
    writeFileSync(join(dir, 'file'), 'x');
    symlinkSync(join(dir, 'work'), join(dir, 'link'));
    mkdirSync(join(dir, 'repo/.git'), { recursive: true });
    // A git work tree is refused even with a plan.json at its top.
    writeFileSync(join(dir, 'repo/plan.json'), '{}');
    mkdirSync(join(dir, 'bundle'));
    writeFileSync(join(dir, 'bundle/plan.json'), '{}');
    mkdirSync(join(dir, 'fake'));
    mkdirSync(join(dir, 'fake/plan.json'));
    const message = (name: string, rules?: OutFolderRules) => {
      const check = checkOutFolder(join(dir, name), rules);
      return check.ok ? 'ok' : check.message.replaceAll(dir, '<tmp>');
    };
    expect(message('work')).toBe(`<tmp>/work is not a plan bundle (no plan.json) and not empty: ${refusing}`);
    expect(message('fake')).toBe(`<tmp>/fake is not a plan bundle (no plan.json) and not empty: ${refusing}`);
    expect(message('file')).toBe(`<tmp>/file is a file, not a folder: ${refusing}`);
    expect(message('link')).toBe(`<tmp>/link is a symbolic link, not a folder: ${refusing}`);
    expect(message('repo')).toBe(`<tmp>/repo holds a git repository (.git): ${refusing}`);
    expect(message('file/bundle')).toBe(`<tmp>/file/bundle cannot be made: <tmp>/file is not a folder`);
    expect(checkOutFolder('/')).toEqual({ ok: false, message: `/ is the root folder: ${refusing}` });
    const protect = [{ path: join(dir, 'bundle/network.yaml'), what: 'spec' }];
    writeFileSync(protect[0]!.path, 'spec');
    expect(message('bundle', { protect })).toBe(`<tmp>/bundle holds the spec (<tmp>/bundle/network.yaml): ${refusing}`);
    expect(message('bundle', { protect: [{ path: join(dir, 'bundle'), what: 'state folder' }] })).toBe(
      `<tmp>/bundle is the state folder: ${refusing}`,
    );
    expect(message('work', { marker: { file: 'notes.txt', what: 'notebook' } })).toBe('ok');
  });
});

describe('stageBundle refusing a folder', () => {
  it('throws before writing anything, beside the folder or in it', () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-out-folder-'));
    mkdirSync(join(root, 'work'));
    writeFileSync(join(root, 'work/notes.txt'), 'mine');
    const before = snapshot(root);
    expect(() => stageBundle(join(root, 'work'))).toThrow(OutFolderRefused);
    expect(() => writeBundle(join(root, 'work'), new Map([['plan.json', bytes('new')]]))).toThrow(
      /work is not a plan bundle \(no plan\.json\) and not empty/,
    );
    expect(snapshot(root)).toBe(before);
  });

  it('checks again at commit: a folder that stopped being a bundle meanwhile stays as it is', () => {
    const { root, dir } = existingBundle();
    const staged = stageBundle(dir);
    staged.write(new Map([['plan.json', bytes('new')]]));
    rmSync(join(dir, 'plan.json'));
    writeFileSync(join(dir, 'work.txt'), 'mine');
    expect(() => staged.commit()).toThrow(OutFolderRefused);
    staged.abandon();
    expect(readdirSync(dir)).toEqual(['work.txt']);
    expect(readdirSync(root)).toEqual(['bundle']);
  });
});

describe('staging folders', () => {
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  it('are named .<name>.tmp-<pid>-<random> beside the bundle', () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-staging-'));
    const staged = stageBundle(join(root, 'x'));
    expect(basename(staged.folder)).toMatch(new RegExp(`^\\.x\\.tmp-${process.pid}-[A-Za-z0-9]+$`));
    staged.abandon();
  });

  it("left by a process that no longer runs are swept, and only those of this bundle's name", () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-staging-'));
    const dead = deadPid();
    const swept = [`.x.tmp-${dead}-abc`, `.x.tmp-${dead}-abc.old`];
    const kept = [
      `.x.tmp-${process.pid}-abc`, // a live process's (this test's)
      `.y.tmp-${dead}-abc`, // another bundle's
      `.x.tmp-${dead}-abc.bak`, // not the pattern
      '.x.tmp-abcdef', // not the pattern
      `x.tmp-${dead}-abc`, // not the pattern
    ];
    for (const name of [...swept, ...kept]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'f'), name);
    }
    writeFileSync(join(root, `.x.tmp-${dead}-def`), 'a file, not a staging folder');
    kept.push(`.x.tmp-${dead}-def`);
    mkdirSync(join(root, 'x'));
    writeBundle(join(root, 'x'), new Map([['plan.json', bytes('new')]]));
    expect(readdirSync(root).sort()).toEqual(['x', ...kept].sort());
    for (const name of kept.slice(0, -1)) expect(readFileSync(join(root, name, 'f'), 'utf8')).toBe(name);
  });

  it('put back a bundle whose replacement was cut short (its .old folder) when the bundle is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-staging-'));
    const dead = deadPid();
    mkdirSync(join(root, `.x.tmp-${dead}-abc`));
    writeFileSync(join(root, `.x.tmp-${dead}-abc/plan.json`), 'new, never committed');
    mkdirSync(join(root, `.x.tmp-${dead}-abc.old/signatures/c`), { recursive: true });
    writeFileSync(join(root, `.x.tmp-${dead}-abc.old/plan.json`), 'old');
    writeFileSync(join(root, `.x.tmp-${dead}-abc.old/signatures/c/A.json`), 'signed');
    const staged = stageBundle(join(root, 'x'));
    expect(readFileSync(join(root, 'x/signatures/c/A.json'), 'utf8')).toBe('signed');
    expect(readdirSync(root).sort()).toEqual([basename(staged.folder), 'x'].sort());
    staged.abandon();
    expect(readdirSync(root)).toEqual(['x']);
  });
});
