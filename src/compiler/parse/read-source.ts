// Reading a spec file from disk, refusing what is not a sane text file before the YAML parser sees it.
import { readFileSync, statSync } from 'node:fs';
import { type Diagnostic, fileRange, type StageResult } from '../diagnostics/index.js';

/** Specs are hand-written documents; anything larger is a mistake or an attack on the parser. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** A spec file's text and the exact bytes it was decoded from. */
export interface SpecSource {
  text: string;
  bytes: Uint8Array;
}

export function readSource(file: string): StageResult<SpecSource> {
  const fail = (code: Diagnostic['code'], message: string, hint?: string): StageResult<SpecSource> => ({
    value: undefined,
    diagnostics: [{ code, severity: 'error', message, ...(hint ? { hint } : {}), ranges: [fileRange(file)] }],
  });
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return fail('NS_FILE_NOT_FOUND', `'${file}' is not a file`);
    size = stat.size;
  } catch {
    return fail('NS_FILE_NOT_FOUND', `cannot read '${file}': no such file`);
  }
  if (size > MAX_SPEC_BYTES) {
    return fail('NS_FILE_TOO_LARGE', `'${file}' is ${size} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return fail('NS_FILE_NOT_FOUND', `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return decodeSource(file, bytes);
}

/** Bytes to text: UTF-8 only, no NUL bytes (a binary file is never a spec). */
export function decodeSource(file: string, bytes: Uint8Array): StageResult<SpecSource> {
  const nul = bytes.indexOf(0);
  let text: string | undefined;
  if (nul < 0) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    return {
      value: undefined,
      diagnostics: [
        {
          code: 'NS_FILE_BINARY',
          severity: 'error',
          message: `'${file}' is not UTF-8 text${nul >= 0 ? ` (NUL byte at offset ${nul})` : ''}`,
          hint: 'a network spec is a YAML text file',
          ranges: [fileRange(file)],
        },
      ],
    };
  }
  // A UTF-8 byte order mark is harmless but would shift every column by one.
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
  return { value: { text, bytes }, diagnostics: [] };
}
