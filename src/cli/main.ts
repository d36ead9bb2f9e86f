// The netspec command line. Each subcommand lives in commands/<name>.ts and registers itself here; only the
// command being run is loaded, and command modules load their heavy dependencies inside their actions.
import { Command, CommanderError } from 'commander';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';

type CommandModule = { register(program: Command): void };

// In the order `--help` lists them. Each is a separate chunk of the bundle, so running one command loads only
// that command's code: `compute-update` never pays for the YAML parser and schema validator `validate` needs.
const commandModules: Record<string, () => Promise<CommandModule>> = {
  validate: () => import('./commands/validate.js'),
  plan: () => import('./commands/plan.js'),
  fetch: () => import('./commands/fetch.js'),
  init: () => import('./commands/init.js'),
  crypto: () => import('./commands/crypto.js'),
  apply: () => import('./commands/apply.js'),
  manifests: () => import('./commands/manifests.js'),
  secrets: () => import('./commands/secrets.js'),
  quorum: () => import('./commands/quorum.js'),
  decode: () => import('./commands/decode.js'),
  encode: () => import('./commands/encode.js'),
  'compute-update': () => import('./commands/compute-update.js'),
  genesis: () => import('./commands/genesis.js'),
  pr: () => import('./commands/pr.js'),
  codeowners: () => import('./commands/codeowners.js'),
  history: () => import('./commands/history.js'),
  org: () => import('./commands/org.js'),
  sign: () => import('./commands/sign.js'),
  verify: () => import('./commands/verify.js'),
  'connection-profile': () => import('./commands/connection-profile.js'),
  graph: () => import('./commands/graph.js'),
  status: () => import('./commands/status.js'),
  console: () => import('./commands/console.js'),
};

/**
 * The program with every command registered, or only `commandName` when it names one (the usual run).
 * Help, `--version` and a mistyped command get them all, so help lists them and suggestions can be made.
 */
export async function buildProgram(commandName?: string, usageErrors: 'text' | 'json' = 'text'): Promise<Command> {
  const program = new Command('netspec')
    .description('Consortium-as-code for permissioned blockchains (Hyperledger Fabric, Quorum/Besu)')
    .version(VERSION, '-V, --version')
    .exitOverride();
  // Commands copy these settings when they are registered, so they are set first. With JSON, main() prints the
  // usage mistake itself, on stdout; commander's own text line (and its help hint) would only go to stderr.
  if (usageErrors === 'json') program.configureOutput({ outputError: () => {} });
  else program.showHelpAfterError(USAGE_HINT);
  const names =
    commandName !== undefined && Object.hasOwn(commandModules, commandName)
      ? [commandName]
      : Object.keys(commandModules);
  const modules = await Promise.all(names.map((name) => commandModules[name]!()));
  for (const module of modules) module.register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  const json = asksForJson(argv.slice(2));
  const program = await buildProgram(argv[2], json ? 'json' : 'text');
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures. Otherwise commander has printed its message, unless JSON was asked for.
      if (error.exitCode === 0) return EXIT_OK;
      if (json) process.stdout.write(`${await usageErrorJson(error)}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  return Number(process.exitCode ?? EXIT_OK);
}

const VERSION = '0.1.0';
const USAGE_HINT = '(run with --help for usage)';

/** `--format json` or `--format=json` among the arguments, before any `--` that ends the options. */
function asksForJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.some((arg, index) => arg === '--format=json' || (arg === '--format' && options[index + 1] === 'json'));
}

/** A mistake in the command line (unknown option, missing argument, bad choice) as a JSON diagnostic. */
async function usageErrorJson(error: CommanderError): Promise<string> {
  // Loaded only here: a run without a mistake never pays for the diagnostics renderer in main's chunk.
  const { renderFailureJson } = await import('./output.js');
  // A command that needs a subcommand and got none ends with help on stderr and the message '(outputHelp)'.
  const message = error.code === 'commander.help' ? 'a subcommand is needed' : error.message.replace(/^error: /, '');
  return renderFailureJson({ code: 'NS_INPUT_INVALID', message, hint: USAGE_HINT.slice(1, -1) });
}
