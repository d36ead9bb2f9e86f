import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWriteFile, replaceFolder, stageFolder, swapFolderInto } from '../src/atomic-write.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'atomic-write-'));

/** Every name in `folder` and below, sorted, folders ending in `/`. */
function tree(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? [`${prefix}${entry.name}/`, ...tree(join(folder, entry.name), `${prefix}${entry.name}/`)]
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

describe('atomicWriteFile', () => {
  it('writes the bytes with the mode asked for, makes the parents, and leaves no temporary', () => {
    const root = fresh();
    const key = join(root, 'msp', 'keystore', 'priv_sk');
    atomicWriteFile(key, 'secret', { mode: 0o600, folderMode: 0o700 });
    atomicWriteFile(join(root, 'msp', 'cert.pem'), new Uint8Array([1, 2, 3]), { mode: 0o644 });
    expect(readFileSync(key, 'utf8')).toBe('secret');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'msp', 'keystore')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'msp', 'cert.pem')).mode & 0o777).toBe(0o644);
    expect(tree(root)).toEqual(['msp/', 'msp/cert.pem', 'msp/keystore/', 'msp/keystore/priv_sk']);
  });

  it('replaces a file whole, and a failure leaves what was there and no temporary', () => {
    const root = fresh();
    const file = join(root, 'out.json');
    atomicWriteFile(file, 'first');
    atomicWriteFile(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    mkdirSync(join(root, 'folder'));
    writeFileSync(join(root, 'folder', 'kept'), 'kept');
    expect(() => atomicWriteFile(join(root, 'folder'), 'not a folder')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(tree(root)).toEqual(['folder/', 'folder/kept', 'out.json']);
  });
});

describe('replaceFolder', () => {
  it('puts the new folder in place of the old one: no stale file survives, nothing is left beside it', () => {
    const root = fresh();
    const target = join(root, 'k8s', 'org1');
    replaceFolder(target, (staging) => {
      writeFileSync(join(staging, 'stale.yaml'), 'old');
      writeFileSync(join(staging, 'kept.yaml'), 'old');
    });
    replaceFolder(target, (staging) => writeFileSync(join(staging, 'kept.yaml'), 'new'));
    expect(tree(root)).toEqual(['k8s/', 'k8s/org1/', 'k8s/org1/kept.yaml']);
    expect(readFileSync(join(target, 'kept.yaml'), 'utf8')).toBe('new');
  });

  it('a fill that fails leaves the old folder as it was and removes the staging folder', () => {
    const root = fresh();
    const target = join(root, 'org1');
    replaceFolder(target, (staging) => writeFileSync(join(staging, 'a'), 'old'));
    expect(() =>
      replaceFolder(target, (staging) => {
        writeFileSync(join(staging, 'a'), 'half');
        throw new Error('generation failed');
      }),
    ).toThrow('generation failed');
    expect(tree(root)).toEqual(['org1/', 'org1/a']);
    expect(readFileSync(join(target, 'a'), 'utf8')).toBe('old');
  });
});

describe('swapFolderInto', () => {
  it('puts the old folder back when the new one cannot be moved in', () => {
    const root = fresh();
    const target = join(root, 'bundle');
    mkdirSync(target);
    writeFileSync(join(target, 'plan.json'), 'old');
    const staging = stageFolder(target);
    expect(staging).toMatch(new RegExp(`/\\.bundle\\.tmp-${process.pid}-[0-9a-f]+$`));
    // The staging folder vanishes before the swap: the rename in fails after the old folder was moved aside.
    const gone = `${staging}-gone`;
    expect(() => swapFolderInto(gone, target)).toThrow(/ENOENT/);
    expect(readFileSync(join(target, 'plan.json'), 'utf8')).toBe('old');
    expect(readdirSync(root).sort()).toEqual([basename(staging), 'bundle']);
  });
});
