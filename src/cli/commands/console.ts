// `netspec console [networks…] [--port N] [--host H]`: the consortium in a browser — map, channels, proposals with
// their signers as verify judges them, history — served from this repository on 127.0.0.1 until stopped.
// `--export <dir>` writes the same app as a static site instead. Edits are proposed as commits on new local
// branches; the console never talks to a Fabric or Quorum node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../package-root.js';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { checkOutputFolder, UserError } from '../output.js';

interface Options {
  port: string;
  host: string;
  export?: string;
}

export function register(program: Command): void {
  program
    .command('console')
    .description('the consortium in a browser: map, channels, proposals and their signers, history')
    .argument('[networks...]', 'network folders, their network.yaml, or names under networks/ (default: all)')
    .option('--port <port>', 'the port to listen on (0: any free port)', '8040')
    .option('--host <host>', 'the address to listen on; edits are offered on a loopback address only', '127.0.0.1')
    .option('--export <dir>', 'write the console as a static site into this folder instead of serving it')
    .action(action((networks: string[], options: Options) => runConsole(networks, options)));
}

async function runConsole(args: string[], options: Options): Promise<number> {
  if (!/^\d+$/.test(options.port) || Number(options.port) > 65535)
    throw new UserError(`--port must be a port number (0 to 65535), not '${options.port}'`);
  if (options.export !== undefined) checkOutputFolder(options.export, '--export');
  const appDir = join(packageRoot(), 'dist', 'console-app');
  if (!existsSync(join(appDir, 'index.html')))
    throw new UserError(`the console app is not built (${appDir} is missing): run npm run build`);
  const consoleModule = await import('../../console/index.js');
  const root = consoleModule.repositoryRootOf(process.cwd());
  const networks = consoleModule.consoleNetworks(root, args);
  if ('error' in networks) throw new UserError(networks.error);

  if (options.export !== undefined) {
    const problem = consoleModule.exportFolderProblem(options.export);
    if (problem) throw new UserError(`--export ${problem}`, { code: 'NS_PATH_WRONG_KIND', path: options.export });
    const site = await consoleModule.exportSite({ root, networks, edits: false }, appDir, options.export);
    for (const failure of site.failures) process.stderr.write(`netspec: ${failure.path}: ${failure.error}\n`);
    process.stdout.write(`Console written to ${options.export} (${site.documents} documents); open index.html\n`);
    return EXIT_OK;
  }

  const edits = consoleModule.isLoopback(options.host);
  let running: Awaited<ReturnType<typeof consoleModule.startConsoleServer>>;
  try {
    running = await consoleModule.startConsoleServer(
      { root, networks, edits },
      { host: options.host, port: Number(options.port), appDir },
    );
  } catch (error) {
    throw new UserError(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
  }
  process.stdout.write(
    `netspec console: ${running.url} (${networks.map((network) => network.name).join(', ')}; Ctrl-C stops it)\n`,
  );
  if (!edits) process.stdout.write('netspec console: not on a loopback address, so it offers no edits\n');
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolveStop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT_OK;
}
