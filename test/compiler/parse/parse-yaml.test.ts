import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, positionOf } from '../../../src/compiler/diagnostics/index.js';
import { locate, MAX_SPEC_BYTES, parseSpecFile, parseYaml } from '../../../src/compiler/parse/index.js';

function summarize(text: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const { line, column } = positionOf(text, d.ranges[0]!.start);
    return `${line}:${column} ${d.severity} ${d.code}`;
  });
}

function parseFails(text: string): string[] {
  const result = parseYaml('network.yaml', text);
  expect(result.value).toBeUndefined();
  return summarize(text, result.diagnostics);
}

function writeTemp(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-parse-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('parseYaml', () => {
  it('keeps the plain data and the document with ranges', () => {
    const text = 'name: demo\nchannels:\n  trade:\n    members: [a, b]\n';
    const result = parseYaml('network.yaml', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.data).toEqual({ name: 'demo', channels: { trade: { members: ['a', 'b'] } } });
    const range = locate(result.value!, ['channels', 'trade', 'members', 1]);
    expect(positionOf(text, range.start)).toEqual({ line: 4, column: 18 });
    const key = locate(result.value!, ['channels', 'trade'], 'key');
    expect(positionOf(text, key.start)).toEqual({ line: 3, column: 3 });
  });

  it('points at the nearest existing ancestor for a missing path', () => {
    const text = 'name: demo\nchannels:\n  trade: {}\n';
    const result = parseYaml('network.yaml', text);
    const range = locate(result.value!, ['channels', 'trade', 'members']);
    expect(positionOf(text, range.start)).toEqual({ line: 3, column: 10 });
  });

  it('reports a syntax error with its position', () => {
    expect(parseFails('name: demo\nchannels: [a, b\n')).toEqual([
      expect.stringMatching(/^\d+:\d+ error NS_YAML_SYNTAX$/),
    ]);
    expect(parseFails('name: demo\n  bad: indent\n')[0]).toMatch(/error NS_YAML_SYNTAX$/);
  });

  it('rejects duplicate keys at the repeated key', () => {
    expect(parseFails('name: a\nmode: quick\nname: b\n')).toEqual(['3:1 error NS_DUPLICATE_KEY']);
  });

  it('rejects tabs used for indentation', () => {
    const diagnostics = parseYaml('network.yaml', 'organizations:\n\tacme: {}\n').diagnostics;
    expect(diagnostics.map((d) => d.code)).toContain('NS_YAML_SYNTAX');
    expect(diagnostics.some((d) => d.hint?.includes('spaces'))).toBe(true);
  });

  it('stops an alias bomb (billion laughs) before it expands', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) {
      const ref = `*${names[i - 1]}`;
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(ref).join(',')}]`);
    }
    // Expanded, the document would hold 9^10 strings: the limit is what lets this finish at all.
    expect(parseFails(`${lines.join('\n')}\n`)).toEqual([expect.stringMatching(/^2:\d+ error NS_YAML_ALIAS_LIMIT$/)]);
  });

  it('accepts a few aliases', () => {
    const result = parseYaml('network.yaml', 'base: &b {port: 7051}\npeer0: *b\npeer1: *b\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.data).toEqual({ base: { port: 7051 }, peer0: { port: 7051 }, peer1: { port: 7051 } });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s', (key) => {
    expect(parseFails(`name: demo\norganizations:\n  ${key}:\n    admin: true\n`)).toEqual([
      '3:3 error NS_FORBIDDEN_KEY',
    ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each(['', '\n\n', '# only a comment\n', '---\n'])('refuses an empty document %j', (text) => {
    expect(parseFails(text)).toEqual(['1:1 error NS_EMPTY_SPEC']);
  });

  it('names an alias whose anchor is not defined, at the alias, instead of blaming expansion', () => {
    const text = 'name: demo\nchannels:\n  trade:\n    members: *members\n';
    expect(parseFails(text)).toEqual(['4:14 error NS_YAML_UNDEFINED_ALIAS']);
    const result = parseYaml('network.yaml', text);
    expect(result.diagnostics[0]!.message).toBe('the alias *members names no anchor &members defined before it');
    // Defined after its use is not defined: YAML resolves an alias to an anchor before it.
    expect(parseFails('a: *x\nb: &x 1\n')).toEqual(['1:4 error NS_YAML_UNDEFINED_ALIAS']);
    expect(parseYaml('network.yaml', 'a: &x 1\nb: *x\n').diagnostics).toEqual([]);
  });

  it.each([
    ['9007199254740993', '9007199254740993'],
    ['9007199254740992', '9007199254740992'],
    ['-9007199254740993', '-9007199254740993'],
    ['0x20000000000001', '0x20000000000001'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
  ])('refuses the integer %s, which a JavaScript number would round, at its position', (literal, shown) => {
    const text = `name: demo\nchaincodes:\n  - name: cc\n    sequence: ${literal}\n`;
    expect(parseFails(text)).toEqual(['4:15 error NS_YAML_INTEGER_PRECISION']);
    expect(parseYaml('network.yaml', text).diagnostics[0]!.message).toContain(
      `the integer ${shown} is beyond 2^53 - 1`,
    );
  });

  it('reads the largest exact integer, and long digit strings that are quoted, as they are', () => {
    const text = 'a: 9007199254740991\nb: "9007199254740993"\nc: -9007199254740991\n';
    const result = parseYaml('network.yaml', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.data).toEqual({ a: 9007199254740991, b: '9007199254740993', c: -9007199254740991 });
  });

  it('refuses more than one document', () => {
    expect(parseFails('name: a\n---\nname: b\n')).toEqual(['2:1 error NS_YAML_MULTIPLE_DOCUMENTS']);
  });
});

describe('parseSpecFile', () => {
  it('reports a missing file', () => {
    const result = parseSpecFile('/nonexistent/network.yaml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['NS_FILE_NOT_FOUND']);
  });

  it('refuses a binary file', () => {
    const file = writeTemp('network.yaml', new Uint8Array([0x6e, 0x61, 0x00, 0xff, 0x10]));
    expect(parseSpecFile(file).diagnostics.map((d) => d.code)).toEqual(['NS_FILE_BINARY']);
  });

  it('refuses invalid UTF-8 without NUL bytes', () => {
    const file = writeTemp('network.yaml', new Uint8Array([0x6e, 0x3a, 0x20, 0xc3, 0x28]));
    expect(parseSpecFile(file).diagnostics.map((d) => d.code)).toEqual(['NS_FILE_BINARY']);
  });

  it('refuses a file over the size limit without reading it all', () => {
    const file = writeTemp('network.yaml', `name: big\n#${'x'.repeat(MAX_SPEC_BYTES)}\n`);
    expect(parseSpecFile(file).diagnostics.map((d) => d.code)).toEqual(['NS_FILE_TOO_LARGE']);
  });

  it('reads a byte-order mark without shifting columns', () => {
    const file = writeTemp('network.yaml', '\ufeffname: demo\n');
    const result = parseSpecFile(file);
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.data).toEqual({ name: 'demo' });
  });
});
