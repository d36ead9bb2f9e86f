// Where each key of the Secrets an org creates comes from: a file of its own crypto folder (as `netspec crypto`
// writes it, or a folder laid out the same way), or a value from its own store, named by an environment variable.
// The commands print paths and variable names only; values are read only to build a Secret manifest.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RequiredSecret } from '../../compiler/k8s/index.js';

export type KeySource =
  | { key: string; kind: 'file'; path: string }
  /** From the org's own store: a variable holding the value (passwords) or the path of a file (keys). */
  | { key: string; kind: 'variable'; variable: string; file: boolean };

export interface SecretSources {
  secret: RequiredSecret;
  keys: KeySource[];
}

/**
 * Resolves every key. `cryptoFolder` replaces `crypto/<org>` of the listed folders (the org keeps its material
 * elsewhere). A node's keystore or signcerts file with another name (fabric-ca's `<ski>_sk`, `cert.pem`) is found
 * when it is the folder's only file. Returns the missing files instead when any is missing.
 */
export function secretSources(
  secrets: readonly RequiredSecret[],
  specDir: string,
  orgFolder: string,
  cryptoFolder: string | undefined,
): { sources: SecretSources[]; missing: string[] } {
  const missing: string[] = [];
  const sources = secrets.map((secret) => ({
    secret,
    keys: secret.keys.map((entry): KeySource => {
      if (!entry.source || !secret.folder)
        return {
          key: entry.key,
          kind: 'variable',
          variable: variableName(secret.name, entry.key, !isPlainValue(entry.key)),
          file: !isPlainValue(entry.key),
        };
      const folder = cryptoFolder
        ? join(cryptoFolder, relative(orgFolder, secret.folder))
        : join(specDir, secret.folder);
      const path = soleAlternative(join(folder, entry.source));
      if (!existsSync(path)) missing.push(path);
      return { key: entry.key, kind: 'file', path };
    }),
  }));
  return { sources, missing };
}

/** `kubectl create secret` commands, one per Secret, each key from its file or variable. */
export function kubectlCommands(sources: readonly SecretSources[], cwd: string): string[] {
  return sources.map(({ secret, keys }) => {
    const parts = [
      `kubectl create secret generic ${secret.name} --namespace ${secret.namespace}`,
      ...(secret.type === 'Opaque' ? [] : [`--type=${secret.type}`]),
      ...keys.map((source) =>
        source.kind === 'file'
          ? `--from-file=${source.key}=${shellWord(relative(cwd, source.path) || source.path)}`
          : source.file
            ? `--from-file=${source.key}="$${source.variable}"`
            : `--from-literal=${source.key}="$${source.variable}"`,
      ),
    ];
    return parts.join(' \\\n    ');
  });
}

/** The variables the commands or the manifest need from the org's own store. */
export function variablesOf(sources: readonly SecretSources[]): KeySource[] {
  return sources.flatMap(({ keys }) => keys.filter((key) => key.kind === 'variable'));
}

/**
 * Secret objects with their data (base64), for kubeseal or an External Secrets store: never for the bundle or a
 * terminal. A key from a variable takes the variable's value (or, for a file key, the file it names).
 */
export function secretObjects(
  sources: readonly SecretSources[],
  labels: Record<string, string>,
  env: NodeJS.ProcessEnv,
): { objects: object[]; unset: string[] } {
  const unset: string[] = [];
  const objects = sources.map(({ secret, keys }) => {
    const data: Record<string, string> = {};
    for (const source of keys) {
      let bytes: Buffer | undefined;
      if (source.kind === 'file') bytes = readFileSync(source.path);
      else {
        const value = env[source.variable];
        if (value === undefined || value === '') unset.push(source.variable);
        else bytes = source.file ? readFileSync(value) : Buffer.from(value, 'utf8');
      }
      if (bytes) data[source.key] = bytes.toString('base64');
    }
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secret.name, namespace: secret.namespace, labels },
      type: secret.type,
      data,
    };
  });
  return { objects, unset };
}

/** The file itself, or the only file of its folder when it is not there (other tools name keys differently). */
function soleAlternative(path: string): string {
  if (existsSync(path)) return path;
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return path;
  const files = readdirSync(folder).filter((name) => !name.startsWith('.') && statSync(join(folder, name)).isFile());
  return files.length === 1 ? join(folder, files[0]!) : path;
}

function isPlainValue(key: string): boolean {
  return key === 'username' || key === 'password';
}

/** `ca-retailer-bootstrap` + `password` -> `CA_RETAILER_BOOTSTRAP_PASSWORD` (`_FILE` for a key file). */
function variableName(secret: string, key: string, file: boolean): string {
  const name = `${secret}_${key}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return file ? `${name}_FILE` : name;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
