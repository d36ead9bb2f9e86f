// Shared by decode, encode and compute-update: reading the input files and reporting codec diagnostics.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../compiler/diagnostics/index.js';
import { EXIT_ERROR } from '../exit-codes.js';
import { checkInputFile, renderDiagnostics, sourcesOf } from '../output.js';

/** The bytes of an input file; `flag` names it in the message when it is missing or a folder. */
export function readInput(file: string, flag = 'the input'): Uint8Array {
  checkInputFile(file, flag);
  return new Uint8Array(readFileSync(file));
}

/** Prints the diagnostics to stderr and gives the exit code; nothing is written to --output. */
export function reportFailure(diagnostics: readonly Diagnostic[]): number {
  process.stderr.write(`${renderDiagnostics(diagnostics, sourcesOf({}), 'text')}\n`);
  return EXIT_ERROR;
}
