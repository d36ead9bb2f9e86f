// Wraps a command's work so that it decides the exit code, and user mistakes end as one clear line.
// Stack traces are for netspec bugs only, and only with NETSPEC_DEBUG=1.
import { EXIT_ERROR } from './exit-codes.js';
import { UserError } from './output.js';

export function action<Args extends unknown[]>(run: (...args: Args) => Promise<number> | number) {
  return async (...args: Args): Promise<void> => {
    try {
      process.exitCode = await run(...args);
    } catch (error) {
      if (error instanceof UserError) {
        process.stderr.write(`netspec: ${error.message}\n`);
        process.exitCode = EXIT_ERROR;
        return;
      }
      throw error;
    }
  };
}
