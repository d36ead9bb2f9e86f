#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm ci` (the prepare script): tsc, then one esbuild bundle
// (dist/cli-bundle/) that starts fast. Where the running Node has a compile cache (module.enableCompileCache,
// Node >= 22.1), it is switched on before the bundle loads, so later runs skip compiling its code.
import module from 'node:module';

module.enableCompileCache?.();
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
