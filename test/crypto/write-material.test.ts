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
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTreeAtomic } from '../../src/crypto/write-material.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'netspec-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeTreeAtomic', () => {
  it('writes files with their modes and empty folders', () => {
    writeTreeAtomic(
      join(dir, 'org'),
      {
        files: [
          { path: 'a/cert.pem', contents: 'C', secret: false },
          { path: 'a/key', contents: 'K', secret: true },
        ],
        directories: ['a/empty'],
      },
      false,
    );
    expect(readFileSync(join(dir, 'org/a/cert.pem'), 'utf8')).toBe('C');
    expect(statSync(join(dir, 'org/a/key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'org/a/cert.pem')).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, 'org/a/empty'))).toEqual([]);
  });

  it('leaves nothing behind when a write fails half-way', () => {
    const clash = {
      files: [
        { path: 'x', contents: '1', secret: false },
        { path: 'x', contents: '2', secret: false },
      ],
      directories: [],
    };
    expect(() => writeTreeAtomic(join(dir, 'org'), clash, false)).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the old folder when its replacement fails, and refuses to replace without permission', () => {
    mkdirSync(join(dir, 'org'));
    writeFileSync(join(dir, 'org/old'), 'old');
    expect(() => writeTreeAtomic(join(dir, 'org'), { files: [], directories: [] }, false)).toThrow(/already exists/);
    const clash = {
      files: [
        { path: 'x', contents: '1', secret: false },
        { path: 'x', contents: '2', secret: false },
      ],
      directories: [],
    };
    expect(() => writeTreeAtomic(join(dir, 'org'), clash, true)).toThrow();
    expect(readFileSync(join(dir, 'org/old'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['org']);

    writeTreeAtomic(
      join(dir, 'org'),
      { files: [{ path: 'new', contents: 'n', secret: false }], directories: [] },
      true,
    );
    expect(existsSync(join(dir, 'org/old'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['org']);
  });
});
