import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepSignatures } from '../../src/bundle/keep-signatures.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function oldBundle(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'netspec-keep-signatures-')), 'bundle');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('keepSignatures', () => {
  it('keeps the signatures of an update whose bytes are unchanged and drops the others, saying why', () => {
    const dir = oldBundle({
      'plan.json': '{}',
      'fabric/same/update.pb': 'same update',
      'fabric/changed/update.pb': 'old update',
      'fabric/gone/update.pb': 'old update',
      'fabric/created/genesis.block': 'block',
      'signatures/same/BMSP.json': 'b signed',
      'signatures/same/AMSP.json': 'a signed',
      'signatures/changed/AMSP.json': 'a signed the old update',
      'signatures/gone/AMSP.json': 'a signed',
      'signatures/created/AMSP.json': 'no update to sign',
      'signatures/same/notes.txt': 'not a signature',
      'signatures/README.md': 'not a signature',
    });
    const result = keepSignatures(
      dir,
      new Map([
        ['fabric/same/update.pb', bytes('same update')],
        ['fabric/changed/update.pb', bytes('new update')],
        ['fabric/created/update.pb', bytes('an update now')],
      ]),
    );
    expect(result.kept).toEqual([
      { path: 'signatures/same/AMSP.json', channel: 'same', name: 'AMSP' },
      { path: 'signatures/same/BMSP.json', channel: 'same', name: 'BMSP' },
    ]);
    expect([...result.files]).toEqual([
      ['signatures/same/AMSP.json', bytes('a signed')],
      ['signatures/same/BMSP.json', bytes('b signed')],
    ]);
    expect(result.dropped).toEqual([
      { path: 'signatures/README.md', reason: 'not a signature file, signatures/<channel>/<MSP id>.json' },
      { path: 'signatures/changed/AMSP.json', reason: 'the update changed: sign again' },
      {
        path: 'signatures/created/AMSP.json',
        reason: 'the old bundle holds no update for the channel: sign again',
      },
      { path: 'signatures/gone/AMSP.json', reason: 'the channel has no update to sign now' },
      { path: 'signatures/same/notes.txt', reason: 'not a signature file, signatures/<channel>/<MSP id>.json' },
    ]);
  });

  it('keeps nothing from a folder without signatures, or none at all', () => {
    const none = { files: new Map(), kept: [], dropped: [] };
    expect(keepSignatures(oldBundle({ 'plan.json': '{}' }), new Map())).toEqual(none);
    expect(keepSignatures(join(tmpdir(), 'netspec-no-such-bundle'), new Map())).toEqual(none);
  });

  it('never follows a link: a linked signature or update counts as no file', () => {
    const dir = oldBundle({ 'fabric/c/real.pb': 'u', 'elsewhere.json': 'signed' });
    mkdirSync(join(dir, 'signatures/c'), { recursive: true });
    symlinkSync(join(dir, 'elsewhere.json'), join(dir, 'signatures/c/AMSP.json'));
    mkdirSync(join(dir, 'signatures/d'), { recursive: true });
    writeFileSync(join(dir, 'signatures/d/AMSP.json'), 'signed');
    mkdirSync(join(dir, 'fabric/d'), { recursive: true });
    symlinkSync(join(dir, 'fabric/c/real.pb'), join(dir, 'fabric/d/update.pb'));
    const result = keepSignatures(
      dir,
      new Map([
        ['fabric/c/update.pb', bytes('u')],
        ['fabric/d/update.pb', bytes('u')],
      ]),
    );
    expect(result.kept).toEqual([]);
    expect(result.dropped.map((d) => d.path)).toEqual(['signatures/c/AMSP.json', 'signatures/d/AMSP.json']);
  });
});
