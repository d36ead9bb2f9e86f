// Wraps a command's work so that it decides the exit code, and user mistakes end as one clear line (or, with
// `--format json`, one JSON diagnostic on stdout, so a script reading stdout always gets JSON).
// File-system failures are the user's too (a folder given for a file, a path under a file): they name the path.
// Anything else is a netspec bug: it says so and how to report it; stack traces only with NETSPEC_DEBUG=1.
import type { DiagnosticCode } from '../compiler/diagnostics/index.js';
import { TokenError } from '../crypto/pkcs11/token-error.js';
import { EXIT_ERROR } from './exit-codes.js';
import { fileProblemOf } from './file-errors.js';
import { renderFailureJson, renderFailureText, UserError } from './output.js';

export const REPORT_BUG =
  'this is a bug in netspec: please report it with the command you ran and the output of the same command run with NETSPEC_DEBUG=1';

export function action<Args extends unknown[]>(run: (...args: Args) => Promise<number> | number) {
  return async (...args: Args): Promise<void> => {
    try {
      process.exitCode = await run(...args);
    } catch (error) {
      const failure = failureOf(error);
      if (failure.code === 'NS_INTERNAL_ERROR' && process.env.NETSPEC_DEBUG) throw error;
      if (wantsJson(args)) {
        process.stdout.write(`${renderFailureJson(failure)}\n`);
      } else {
        process.stderr.write(failure.coded ? `${renderFailureText(failure)}\n` : plainText(failure));
      }
      process.exitCode = EXIT_ERROR;
    }
  };
}

interface Failure {
  code: DiagnosticCode;
  message: string;
  path?: string;
  hint?: string;
  /** Printed in text like a diagnostic, code first, rather than as one `netspec:` line. */
  coded?: boolean;
}

function plainText(failure: Failure): string {
  const prefix = failure.code === 'NS_INTERNAL_ERROR' ? 'netspec: internal error: ' : 'netspec: ';
  return `${prefix}${failure.message}\n${failure.hint ? `  ${failure.hint}\n` : ''}`;
}

function failureOf(error: unknown): Failure {
  if (error instanceof UserError)
    return {
      code: error.code,
      message: error.message,
      coded: error.coded,
      ...(error.path !== undefined ? { path: error.path } : {}),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
    };
  // A token that fails while signing (removed, locked) is the user's to fix, like a wrong URI or PIN.
  if (error instanceof TokenError) return { code: 'NS_KEY_TOKEN', message: error.message };
  const file = fileProblemOf(error);
  if (file) return { code: file.code, message: file.message, path: file.path };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'NS_INTERNAL_ERROR', message, hint: REPORT_BUG };
}

/** Commander passes the options object second to last; a command asked for JSON when its --format is json. */
function wantsJson(args: readonly unknown[]): boolean {
  const options = args[args.length - 2];
  return typeof options === 'object' && options !== null && (options as { format?: unknown }).format === 'json';
}
