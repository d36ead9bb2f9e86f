// The private keys of generated material stay on the machine that made them: `crypto/.gitignore` lists them, and
// they are readable by their owner only. A git clone checks every file out 0644 (git records only the executable
// bit), so keys that travelled with a repository are tightened again the next time `netspec crypto` runs.
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PRIVATE_KEY_FILE } from './msp-layout.js';

export const SECRET_MODE = 0o600;

/** What `crypto/.gitignore` holds: every private key name the layout uses (priv_sk, server.key, client.key). */
export const PRIVATE_KEYS_GITIGNORE = `# Written by netspec crypto: DEMO-ONLY private keys stay on the machine that generated them.
# Commit them only for a public example network, where everyone may know them.
**/${PRIVATE_KEY_FILE}
**/*.key
`;

export function isPrivateKeyFile(name: string): boolean {
  return name === PRIVATE_KEY_FILE || name.endsWith('.key');
}

/**
 * Sets every private key under `folder` that others may read back to 0600. Returns the paths it changed,
 * relative to `folder`'s parent, so the caller can say so.
 */
export function tightenPrivateKeys(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const changed: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && isPrivateKeyFile(entry.name) && (statSync(path).mode & 0o077) !== 0) {
        chmodSync(path, SECRET_MODE);
        changed.push(relative(join(folder, '..'), path));
      }
    }
  };
  walk(folder);
  return changed.sort();
}
