// The netspec command line. Each subcommand lives in commands/<name>.ts and registers itself here;
// command modules load their heavy dependencies inside their actions, so `--help` and `validate` start fast.
import { Command, CommanderError } from 'commander';
import { register as registerApply } from './commands/apply.js';
import { register as registerCodeowners } from './commands/codeowners.js';
import { register as registerComputeUpdate } from './commands/compute-update.js';
import { register as registerConnectionProfile } from './commands/connection-profile.js';
import { register as registerCrypto } from './commands/crypto.js';
import { register as registerDecode } from './commands/decode.js';
import { register as registerEncode } from './commands/encode.js';
import { register as registerFetch } from './commands/fetch.js';
import { register as registerGenesis } from './commands/genesis.js';
import { register as registerGraph } from './commands/graph.js';
import { register as registerHistory } from './commands/history.js';
import { register as registerInit } from './commands/init.js';
import { register as registerManifests } from './commands/manifests.js';
import { register as registerOrg } from './commands/org.js';
import { register as registerPlan } from './commands/plan.js';
import { register as registerPr } from './commands/pr.js';
import { register as registerQuorum } from './commands/quorum.js';
import { register as registerSecrets } from './commands/secrets.js';
import { register as registerSign } from './commands/sign.js';
import { register as registerStatus } from './commands/status.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerVerify } from './commands/verify.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('netspec')
    .description('Consortium-as-code for permissioned blockchains (Hyperledger Fabric, Quorum/Besu)')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerValidate(program);
  registerPlan(program);
  registerFetch(program);
  registerInit(program);
  registerCrypto(program);
  registerApply(program);
  registerManifests(program);
  registerSecrets(program);
  registerQuorum(program);
  registerDecode(program);
  registerEncode(program);
  registerComputeUpdate(program);
  registerGenesis(program);
  registerPr(program);
  registerCodeowners(program);
  registerHistory(program);
  registerOrg(program);
  registerSign(program);
  registerVerify(program);
  registerConnectionProfile(program);
  registerGraph(program);
  registerStatus(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message; help and version are not failures.
      return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    throw error;
  }
  return Number(process.exitCode ?? EXIT_OK);
}

const VERSION = '0.1.0';
