// A real SoftHSM2 (Debian's softhsm2) in a temporary folder: its own softhsm2.conf (SOFTHSM2_CONF) and token
// directory, one token per organization, each holding only that organization's admin key, imported with
// softhsm2-util as an operator would (the imported key is sensitive and not extractable). The PIN is written to a
// file of its own, named by the URI's pin-source, so it never appears on a command line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsm {
  dir: string;
  /** The environment a process needs to see these tokens. */
  env: { SOFTHSM2_CONF: string };
  userPin: string;
  pinFile: string;
}

export function softHsmAvailable(): boolean {
  return existsSync(SOFTHSM_MODULE);
}

export function createSoftHsm(): SoftHsm {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const userPin = '246813579';
  const pinFile = join(dir, 'user.pin');
  writeFileSync(pinFile, `${userPin}\n`, { mode: 0o600 });
  return { dir, env: { SOFTHSM2_CONF: conf }, userPin, pinFile };
}

/** A new token labelled `label` holding `keyFile` (a PKCS#8 PEM key) as the private key `object`, CKA_ID `id`. */
export function importKey(hsm: SoftHsm, label: string, keyFile: string, object = 'admin', id = '01'): void {
  const run = (args: string[]) =>
    execFileSync('softhsm2-util', args, { env: { ...process.env, ...hsm.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  run(['--init-token', '--free', '--label', label, '--so-pin', '1357924680', '--pin', hsm.userPin]);
  run(['--import', keyFile, '--token', label, '--label', object, '--id', id, '--pin', hsm.userPin]);
}

/** The URI of `object` on the token `label`, its PIN read from the helper's PIN file. */
export function keyUri(hsm: SoftHsm, label: string, object = 'admin'): string {
  return `pkcs11:token=${label};object=${object};type=private?module-path=${SOFTHSM_MODULE}&pin-source=file://${hsm.pinFile}`;
}
