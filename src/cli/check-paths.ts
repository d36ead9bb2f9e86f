// Every path a command's flags name, checked before the command reads a key, judges a bundle or writes a byte:
// a folder given for a file (or the reverse), a path that is not there, an output under a file. The message names
// the flag and the path, so the user sees which one of several they got wrong.
import { isPkcs11Uri } from '../crypto/pkcs11/pkcs11-uri.js';
import { checkInputFile, checkInputFolder, checkOutputFile, checkOutputFolder } from './output.js';

export interface PathRoles<Options> {
  /** Flags naming files that must exist (keys, certificates, blocks). */
  files?: readonly (keyof Options & string)[];
  /** Flags naming a private key: a file that must exist, or a PKCS#11 URI (checked when the token is opened). */
  keys?: readonly (keyof Options & string)[];
  /** Flags naming folders that must exist (a state folder). */
  folders?: readonly (keyof Options & string)[];
  /** Flags naming a file to write. */
  outputFiles?: readonly (keyof Options & string)[];
  /** Flags naming a folder to write into (created when missing). */
  outputFolders?: readonly (keyof Options & string)[];
}

export function checkFlagPaths<Options extends object>(options: Options, roles: PathRoles<Options>): void {
  const each = (keys: readonly string[] | undefined, check: (path: string, flag: string) => void) => {
    for (const key of keys ?? []) {
      const path = (options as Record<string, unknown>)[key];
      if (typeof path === 'string') check(path, flagOf(key));
    }
  };
  each(roles.files, checkInputFile);
  each(roles.keys, (path, flag) => {
    if (!isPkcs11Uri(path)) checkInputFile(path, flag);
  });
  each(roles.folders, checkInputFolder);
  each(roles.outputFiles, checkOutputFile);
  each(roles.outputFolders, checkOutputFolder);
}

/** `tlsCert` -> `--tls-cert`, as commander derived the option name from the flag. */
function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
