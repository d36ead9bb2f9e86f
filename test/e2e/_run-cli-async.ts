// The real `netspec` binary run without blocking the test's event loop: the fake Fabric network serves from this
// very process, so a command that talks to it (fetch, apply) cannot go through the synchronous runCli.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliResult } from '../helpers/run-cli.js';

const bin = fileURLToPath(new URL('../../bin/netspec.js', import.meta.url));

export function runCliAsync(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', NETSPEC_DEBUG: '', ...options.env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
