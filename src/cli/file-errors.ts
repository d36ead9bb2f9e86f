// File-system failures in the user's words. A path the user named (or one netspec derived from it) that is missing,
// a folder where a file belongs, or unwritable is their mistake, not a netspec bug: it ends as one line naming the
// path and what was expected, with a diagnostic code, never as "internal error: EISDIR".
import type { DiagnosticCode } from '../compiler/diagnostics/index.js';

export interface FileProblem {
  code: DiagnosticCode;
  path: string;
  message: string;
}

/** The errno codes that describe the file system as the user left it, and what each means for them. */
const EXPLANATIONS: Record<string, { code: DiagnosticCode; says: string }> = {
  ENOENT: { code: 'NS_PATH_MISSING', says: 'does not exist' },
  EISDIR: { code: 'NS_PATH_WRONG_KIND', says: 'is a folder; a file was expected' },
  ENOTDIR: { code: 'NS_PATH_WRONG_KIND', says: 'runs through a file where a folder was expected' },
  EEXIST: { code: 'NS_PATH_WRONG_KIND', says: 'already exists as a file where a folder was expected' },
  ENOTEMPTY: { code: 'NS_PATH_WRONG_KIND', says: 'is a folder that is not empty' },
  EACCES: { code: 'NS_PATH_UNWRITABLE', says: 'is not accessible: permission denied' },
  EPERM: { code: 'NS_PATH_UNWRITABLE', says: 'may not be changed: operation not permitted' },
  EROFS: { code: 'NS_PATH_UNWRITABLE', says: 'is on a read-only file system' },
  EBUSY: { code: 'NS_PATH_UNWRITABLE', says: 'is busy (a mount point or a file in use)' },
  ENOSPC: { code: 'NS_PATH_UNWRITABLE', says: 'cannot be written: no space left on the device' },
  EXDEV: { code: 'NS_PATH_UNWRITABLE', says: 'cannot be moved into place across file systems' },
  ELOOP: { code: 'NS_PATH_WRONG_KIND', says: 'is a loop of symbolic links' },
  ENAMETOOLONG: { code: 'NS_PATH_WRONG_KIND', says: 'is too long a name for the file system' },
};

/** The user-facing reading of a Node file-system error, or undefined when `error` is not one (a real bug). */
export function fileProblemOf(error: unknown): FileProblem | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest, syscall } = error as NodeJS.ErrnoException & { dest?: string };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const explanation = EXPLANATIONS[code];
  if (!explanation) return undefined;
  // A rename names the file moved into place as `dest`: that is the path the user chose; the source is a temporary.
  const named = syscall === 'rename' && typeof dest === 'string' ? dest : path;
  return { code: explanation.code, path: named, message: `${named} ${explanation.says}` };
}
