// Mistakes in the command line itself, which commander finds before any command runs: with `--format json` a script
// reading stdout gets the same JSON diagnostic every other failure prints, and exit 1; without it, commander's line.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SPEC = 'networks/supply-chain/network.yaml';

function jsonFailure(args: string[]) {
  const result = runCli(args);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  const diagnostics = JSON.parse(result.stdout) as unknown[];
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0];
}

describe('usage mistakes with --format json', () => {
  it('an unknown option', () => {
    expect(jsonFailure(['validate', SPEC, '--format', 'json', '--bogus'])).toEqual({
      code: 'NS_INPUT_INVALID',
      severity: 'error',
      message: "unknown option '--bogus'",
      hint: 'run with --help for usage',
      ranges: [],
    });
  });

  it('a missing argument, with --format=json', () => {
    expect(jsonFailure(['validate', '--format=json'])).toMatchObject({
      code: 'NS_INPUT_INVALID',
      message: "missing required argument 'network.yaml'",
    });
  });

  it('a value outside the choices of an option, and an option missing its value', () => {
    expect(jsonFailure(['quorum', 'genesis', SPEC, '--client', 'geth', '--format', 'json'])).toMatchObject({
      code: 'NS_INPUT_INVALID',
      message: "option '--client <client>' argument 'geth' is invalid. Allowed choices are besu, goquorum.",
    });
    expect(jsonFailure(['plan', SPEC, '--format', 'json', '--state'])).toMatchObject({
      code: 'NS_INPUT_INVALID',
      message: "option '--state <dir>' argument missing",
    });
  });

  it('an unknown command', () => {
    expect(jsonFailure(['valdate', SPEC, '--format', 'json'])).toMatchObject({
      code: 'NS_INPUT_INVALID',
      message: expect.stringMatching(/^unknown command 'valdate'/),
    });
  });
});

describe('usage mistakes without --format json', () => {
  it('stay one text line on stderr, with the help hint, and nothing on stdout', () => {
    const result = runCli(['validate', SPEC, '--bogus']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("error: unknown option '--bogus'\n(run with --help for usage)\n");
  });

  it('`--format json` after `--` is an argument, not a request for JSON', () => {
    const result = runCli(['validate', '--bogus', '--', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: unknown option '--bogus'/);
  });
});
