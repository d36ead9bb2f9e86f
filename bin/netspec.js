#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm ci` (the prepare script): tsc, then one esbuild bundle
// (dist/cli-bundle/) that starts fast. Where the running Node has a compile cache (module.enableCompileCache,
// Node >= 22.1), it is switched on before the bundle loads, so later runs skip compiling its code.
import module from 'node:module';

module.enableCompileCache?.();
// A reader that stops early (`netspec plan … | head`) closes the pipe: what is left unwritten has no reader, so the
// command ends quietly instead of with a stack trace. With the exit code it has chosen, or 1 if it has chosen none
// yet: a verdict cut short must never read as success.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 1);
  });
const { main } = await import('../dist/cli-bundle/main.mjs');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Only a bug reaches here: user mistakes are diagnostics with an exit code.
    if (process.env.NETSPEC_DEBUG) console.error(error);
    else
      console.error(
        `netspec: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
          '  this is a bug in netspec: please report it with the command you ran and the output of the same command run with NETSPEC_DEBUG=1',
      );
    process.exitCode = 1;
  },
);
