// Shared by decode, encode and compute-update: reading the input files and reporting codec diagnostics.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../compiler/diagnostics/index.js';
import { EXIT_ERROR } from '../exit-codes.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';

export function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError(`cannot read ${file}: ${reason}`);
  }
}

/** Prints the diagnostics to stderr and gives the exit code; nothing is written to --output. */
export function reportFailure(diagnostics: readonly Diagnostic[]): number {
  process.stderr.write(`${renderDiagnostics(diagnostics, sourcesOf({}), 'text')}\n`);
  return EXIT_ERROR;
}
