import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageBundle, writeBundle } from '../../src/bundle/write-bundle.js';

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

  it('counts files a worker wrote into its folder as written', () => {
    const root = mkdtempSync(join(tmpdir(), 'netspec-write-bundle-'));
    const staged = stageBundle(join(root, 'bundle'));
    writeFileSync(join(staged.folder, 'by-worker.yaml'), 'worker');
    staged.adopt(['by-worker.yaml']);
    staged.write(new Map([['by-worker.yaml', bytes('main')]]));
    staged.commit();
    expect(readFileSync(join(root, 'bundle/by-worker.yaml'), 'utf8')).toBe('worker');
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
