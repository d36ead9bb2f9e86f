// The PIN a token is logged in with: from the file the URI's `pin-source` names, else from NETSPEC_PKCS11_PIN.
// Never from the command line: a process's arguments are visible to every user of the machine (ps, /proc), so a
// URI carrying `pin-value` is refused, even though RFC 7512 defines it. The PIN is never part of a message.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pkcs11Uri } from './pkcs11-uri.js';

export const PIN_ENVIRONMENT_VARIABLE = 'NETSPEC_PKCS11_PIN';

export type TokenPin = { pin: string } | { none: true } | { error: string };

/**
 * The PIN for `uri`: `pin-source` (a `file:` URI or a path) first, then NETSPEC_PKCS11_PIN; `{none}` when neither
 * is given (a token that needs no login still works; one that does says so when it is opened).
 */
export function tokenPin(uri: Pkcs11Uri, env: NodeJS.ProcessEnv = process.env): TokenPin {
  if (uri.query['pin-value'] !== undefined)
    return {
      error:
        `${uri.display}: pin-value puts the PIN on the command line, where every user of this machine can read it; ` +
        `name a file holding it with pin-source=file:/path, or set ${PIN_ENVIRONMENT_VARIABLE}`,
    };
  const source = uri.query['pin-source'];
  if (source !== undefined) {
    const file = pinFile(source);
    if ('error' in file) return { error: `${uri.display}: ${file.error}` };
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      return { error: `${uri.display}: the PIN file ${file.path} (pin-source) does not exist or cannot be read` };
    }
    // One trailing newline is how `echo` and editors end the file, not part of the PIN.
    return { pin: text.replace(/\r?\n$/, '') };
  }
  const fromEnvironment = env[PIN_ENVIRONMENT_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return { pin: fromEnvironment };
  return { none: true };
}

/** `file:///abs`, `file:/abs` or a plain path; a command (`|/usr/bin/getpin`) or another scheme is refused. */
function pinFile(source: string): { path: string } | { error: string } {
  if (source.startsWith('|'))
    return {
      error: `netspec does not run a command to read the PIN (pin-source=|...); put it in a file or ${PIN_ENVIRONMENT_VARIABLE}`,
    };
  if (source.startsWith('file:')) {
    try {
      return { path: fileURLToPath(source) };
    } catch {
      return { error: 'pin-source is not a file URI of this machine (file:///absolute/path)' };
    }
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(source))
    return { error: 'pin-source must name a file (file:///path or a path), not another kind of URI' };
  return { path: source };
}
