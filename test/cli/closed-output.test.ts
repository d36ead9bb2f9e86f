// A reader that stops early (`netspec plan | head -1`) closes the pipe under the command: it ends without a stack
// trace, with the exit code it had chosen, and never with 0 for a verdict it could not finish writing. The process
// boundary is the point here, so the real binary runs.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

/** Runs the binary and closes its standard output before it writes: every write meets a closed pipe. */
function runWithClosedOutput(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/netspec.js', ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', NETSPEC_DEBUG: '' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed standard output', () => {
  it('ends plan quietly and not as success (its verdict is "pending", 2, when it got that far)', async () => {
    const { code, stderr } = await runWithClosedOutput(['plan', 'networks/supply-chain/network.yaml']);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect([1, 2]).toContain(code);
  });

  it('ends validate quietly, with its verdict on a valid spec (0) or, cut before it, 1', async () => {
    const { code, stderr } = await runWithClosedOutput(['validate', 'networks/supply-chain/network.yaml']);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect([0, 1]).toContain(code);
  });
});
