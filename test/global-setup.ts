// The CLI tests run the built binary (bin/netspec.js -> dist/). Rebuild once per run when any source is newer
// than the build, so a test never exercises stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') newest = Math.max(newest, newestMtime(path));
    } else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): () => Promise<void> {
  // Every temporary folder the tests make (and the CLI runs they start) goes under one folder per run, removed
  // at the end: test files need not clean up after themselves, and failed runs leave nothing behind either.
  const runTemp = mkdtempSync(join(tmpdir(), 'netspec-test-run-'));
  process.env.TMPDIR = runTemp;
  buildIfStale();
  // Removed without blocking vitest's event loop: on a disk that discards freed blocks synchronously, removing a
  // run's copies of the example networks took over a minute, during which the workers' exits went unheard and
  // vitest reported them as timed out.
  return () => rm(runTemp, { recursive: true, force: true });
}

function buildIfStale(): void {
  const built = join(root, 'dist/cli/main.js');
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'schema')),
    newestMtime(join(root, 'scripts')),
    // The build precompiles the templates.
    newestMtime(join(root, 'templates')),
    // ... and builds the console's front end.
    newestMtime(join(root, 'console')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  } catch {
    // The type-check step of CI reports the errors; the CLI tests then fail on what the build could not produce.
    console.warn('netspec build failed: CLI tests run against the last good build');
  }
}
