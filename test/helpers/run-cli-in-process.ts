// Runs a netspec command inside the test process, through the same main() the binary calls, capturing what it
// writes and the exit code it chooses. For tests of a command's behaviour, where starting a Node process per call
// (and loading the CLI afresh) would only slow the suite; tests of start-up, signals or the installed bundle spawn
// the binary (run-cli.ts).
import { main } from '../../src/cli/main.js';
import { type CliResult, repoRoot } from './run-cli.js';

/** One command at a time: the working folder, the environment and the output streams are the process's own. */
let running: Promise<unknown> = Promise.resolve();

export function runCliInProcess(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const run = running.then(() => runOnce(args, options));
  running = run.catch(() => {});
  return run;
}

async function runOnce(args: string[], options: { cwd?: string; env?: Record<string, string> }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    };
  const env = { NO_COLOR: '1', NETSPEC_DEBUG: '', ...options.env };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const cwd = process.cwd();
  process.chdir(options.cwd ?? repoRoot);
  Object.assign(process.env, env);
  // A spawned run writes to pipes: the command must not take the worker's terminal (if any) for a person's.
  const ttys = { stdout: process.stdout.isTTY, stderr: process.stderr.isTTY };
  process.stdout.isTTY = false;
  process.stderr.isTTY = false;
  process.stdout.write = capture((text) => {
    stdout += text;
  }) as typeof process.stdout.write;
  process.stderr.write = capture((text) => {
    stderr += text;
  }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'netspec', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.stdout.isTTY = ttys.stdout;
    process.stderr.isTTY = ttys.stderr;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.chdir(cwd);
    process.exitCode = undefined;
  }
}
