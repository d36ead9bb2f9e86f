// The options `fetch` and `apply` share to reach a live Fabric network: who to act as, the client TLS pair for
// mutual TLS, and how long to wait. Tests shorten retries with NETSPEC_FABRIC_BACKOFF_MS / NETSPEC_FABRIC_RETRIES.
import { existsSync, readFileSync } from 'node:fs';
import type { ConnectionOptions, IdentityRefusal } from '../../apply/fabric/index.js';
import { UserError } from '../output.js';

export interface FabricFlags {
  org?: string;
  cert?: string;
  key?: string;
  tlsCert?: string;
  tlsKey?: string;
  timeout?: string;
}

export function connectionOptions(flags: FabricFlags): ConnectionOptions {
  const seconds = flags.timeout === undefined ? 30 : Number(flags.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UserError(`--timeout must be a positive number of seconds, not '${flags.timeout}'`);
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new UserError('--tls-cert and --tls-key go together');
  const read = (file: string) => {
    if (!existsSync(file)) throw new UserError(`${file} does not exist`);
    return readFileSync(file, 'utf8');
  };
  const env = process.env;
  return {
    timeoutMs: Math.round(seconds * 1000),
    ...(env.NETSPEC_FABRIC_RETRIES ? { retries: Number(env.NETSPEC_FABRIC_RETRIES) } : {}),
    ...(env.NETSPEC_FABRIC_BACKOFF_MS ? { backoffMs: Number(env.NETSPEC_FABRIC_BACKOFF_MS) } : {}),
    ...(flags.tlsCert && flags.tlsKey ? { tls: { certPem: read(flags.tlsCert), keyPem: read(flags.tlsKey) } } : {}),
  };
}

/** Prose on a terminal; one JSON object per line in CI (CI=true) or when stdout is not a terminal. */
export function lineReporter<T extends object>(prose: (event: T) => string): (event: T) => void {
  const machine = process.env.CI === 'true' || !process.stdout.isTTY;
  return (event) => process.stdout.write(machine ? `${JSON.stringify(event)}\n` : `${prose(event)}\n`);
}

/** A failure's detail as prose: its code first and its hint on the next line, as validate and verify print theirs. */
export function codedDetail(failure: { detail: string; code?: string | undefined; hint?: string | undefined }): string {
  return `${failure.code ? `${failure.code} ` : ''}${failure.detail}${failure.hint ? `\n  hint: ${failure.hint}` : ''}`;
}

/** Why the identity the flags and the spec name cannot be used, as the error the command stops with. */
export function identityRefused(refusal: IdentityRefusal): UserError {
  return new UserError(refusal.error, { code: refusal.code, hint: refusal.hint });
}
