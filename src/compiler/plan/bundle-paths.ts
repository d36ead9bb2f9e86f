// A bundle records where its spec and live state are *relative to the bundle folder*, so `netspec sign`,
// `verify` and `apply` work from any working directory (a CI job, a signer's clone, an auditor's checkout).
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/** The path to store in a bundle's plan.json for `path` (as given on the command line). */
export function pathForBundle(bundleDir: string, path: string): string {
  if (isAbsolute(path)) return path;
  return relative(bundleDir, path).split('\\').join('/') || '.';
}

/**
 * The usable path of a plan.json entry. Relative entries resolve against the bundle folder; a plan printed with
 * `--format json` (no bundle) holds paths relative to where it ran, which still resolve when run from there.
 */
export function pathFromBundle(bundleDir: string, stored: string): string {
  if (isAbsolute(stored)) return stored;
  const fromBundle = join(bundleDir, stored);
  if (existsSync(fromBundle) || !existsSync(stored)) return fromBundle;
  return stored;
}
