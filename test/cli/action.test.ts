import { afterEach, describe, expect, it, vi } from 'vitest';
import { action } from '../../src/cli/action.js';
import { UserError } from '../../src/cli/output.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('action: how a command ends', () => {
  it('calls a bug an internal error and says how to report it', async () => {
    const { out, err } = capture();
    await action((_options: object, _command: object) => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    })({ format: 'text' }, {});
    expect(process.exitCode).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(
      "netspec: internal error: Cannot read properties of undefined (reading 'x')\n" +
        '  this is a bug in netspec: please report it with the command you ran and the output of the same command run with NETSPEC_DEBUG=1\n',
    );
  });

  it('names the path of a file-system failure instead of the errno, with a code', async () => {
    const { out, err } = capture();
    const failure = Object.assign(new Error('EISDIR: illegal operation on a directory, rename'), {
      code: 'EISDIR',
      syscall: 'rename',
      path: '/tmp/.123.tmp',
      dest: '/tmp/out',
    });
    await action((_options: object, _command: object) => {
      throw failure;
    })({ format: 'json' }, {});
    expect(process.exitCode).toBe(1);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join(''))).toEqual([
      {
        code: 'NS_PATH_WRONG_KIND',
        severity: 'error',
        message: '/tmp/out is a folder; a file was expected',
        ranges: [{ file: '/tmp/out', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }],
      },
    ]);
  });

  it('prints a failure coded with a finding like a diagnostic: code first, then the hint', async () => {
    const text = capture();
    await action((_options: object, _command: object) => {
      throw new UserError('no node answered', { code: 'NS_APPLY_UNREACHABLE', hint: 'start the node' });
    })({ format: 'text' }, {});
    expect(text.err.join('')).toBe('error NS_APPLY_UNREACHABLE no node answered\n  hint: start the node\n');
    vi.restoreAllMocks();
    const json = capture();
    await action((_options: object, _command: object) => {
      throw new UserError('no node answered', { code: 'NS_APPLY_UNREACHABLE', hint: 'start the node' });
    })({ format: 'json' }, {});
    expect(JSON.parse(json.out.join(''))).toEqual([
      {
        code: 'NS_APPLY_UNREACHABLE',
        severity: 'error',
        message: 'no node answered',
        hint: 'start the node',
        ranges: [],
      },
    ]);
  });

  it('prints a user mistake as one line on stderr, or as JSON on stdout with --format json', async () => {
    const text = capture();
    await action((_options: object, _command: object) => {
      throw new UserError('no channel x');
    })({ format: 'text' }, {});
    expect(text.err.join('')).toBe('netspec: no channel x\n');
    vi.restoreAllMocks();
    const json = capture();
    await action((_options: object, _command: object) => {
      throw new UserError('no channel x');
    })({ format: 'json' }, {});
    expect(JSON.parse(json.out.join(''))).toEqual([
      { code: 'NS_INPUT_INVALID', severity: 'error', message: 'no channel x', ranges: [] },
    ]);
    expect(json.err).toEqual([]);
  });
});
