// A plan bundle read once, whole: plan.json, the bytes of every file it lists (checked against plan.json's `files`
// hashes) and every signature file. The value is immutable and holds everything verify judges and apply sends, so
// what was checked is what is used: nothing is read from the folder again.
//
// plan.json is the bundle's root: its SHA-256 names the bundle in apply records, and its `files` list is the only
// thing that makes a file part of the bundle. A file it does not list (a copied spec or state under `.cache/`, say)
// is a problem, never an input; so is a symbolic link, which could point anywhere.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../bytes.js';
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import type { Plan } from '../compiler/plan/plan.js';
import { BUNDLE_PLAN_FILE, SIGNATURES_DIRECTORY } from './bundle-layout.js';

/** One `signatures/<channel>/<name>.json` file, as committed: parsing it is the signature format's business. */
export interface BundleSignatureFile {
  /** Bundle-relative path, `signatures/<channel>/<name>.json`. */
  readonly source: string;
  readonly channel: string;
  /** The file name without `.json`: the MSP id the file claims to be from. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface Bundle {
  /** The folder it was read from, for messages only. */
  readonly dir: string;
  readonly plan: Readonly<Plan>;
  /** SHA-256 of plan.json's bytes: the bundle's name in apply records. */
  readonly hash: string;
  /** Every file plan.json lists, with the bytes read (only those whose hash matched). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly signatures: readonly BundleSignatureFile[];
  /** Integrity problems: a listed file missing or altered, a file not listed, a link. Empty for an intact bundle. */
  readonly problems: readonly Problem[];
}

export type ReadBundleResult = { bundle: Bundle } | { error: string };

export function readBundle(dir: string): ReadBundleResult {
  const planFile = join(dir, BUNDLE_PLAN_FILE);
  let planBytes: Uint8Array;
  try {
    if (!lstatSync(dir).isDirectory()) return { error: `${dir} is not a folder: a plan bundle is a folder` };
    planBytes = new Uint8Array(readFileSync(planFile));
  } catch {
    return { error: `${planFile} does not exist: is ${dir} a plan bundle (written by netspec plan --out)?` };
  }
  let plan: Plan;
  try {
    plan = JSON.parse(Buffer.from(planBytes).toString('utf8')) as Plan;
  } catch {
    return { error: `${planFile} is not JSON` };
  }
  if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.channels) || typeof plan.specHash !== 'string')
    return { error: `${planFile} is not a netspec plan` };

  const problems: Problem[] = [];
  const at = (path: string) => ({ file: join(dir, path) });
  const listed = listedFiles(plan, problems, at(BUNDLE_PLAN_FILE));
  const files = new Map<string, Uint8Array>();
  const signatures: BundleSignatureFile[] = [];
  for (const entry of walk(dir, '', problems)) {
    if (entry === BUNDLE_PLAN_FILE) continue;
    if (entry.startsWith(`${SIGNATURES_DIRECTORY}/`)) {
      const signature = signatureEntry(dir, entry, problems);
      if (signature) signatures.push(signature);
      continue;
    }
    const expected = listed.get(entry);
    if (expected === undefined) {
      problems.push(
        problem(
          'NS_BUNDLE_FILE_UNLISTED',
          `${entry} is not listed in plan.json: a bundle holds only what the plan wrote`,
          at(entry),
        ),
      );
      continue;
    }
    const bytes = new Uint8Array(readFileSync(join(dir, entry)));
    if (sha256Hex(bytes) !== expected)
      problems.push(
        problem('NS_BUNDLE_TAMPERED', `${entry} differs from the SHA-256 plan.json lists (tampered?)`, at(entry)),
      );
    else files.set(entry, bytes);
  }
  for (const path of listed.keys())
    if (!files.has(path) && !problems.some((found) => found.message.startsWith(`${path} `)))
      problems.push(
        problem('NS_BUNDLE_FILE_MISSING', `${path} is listed in plan.json but missing from the bundle`, at(path)),
      );

  return {
    bundle: Object.freeze({
      dir,
      plan: deepFreeze(plan),
      hash: sha256Hex(planBytes),
      files,
      signatures: Object.freeze(signatures.sort((a, b) => (a.source < b.source ? -1 : 1))),
      problems: Object.freeze(problems),
    }),
  };
}

/** plan.json's `files`: bundle-relative path -> SHA-256. A plan without it predates bundle hashing. */
function listedFiles(plan: Plan, problems: Problem[], at: { file: string }): Map<string, string> {
  const files = (plan as { files?: unknown }).files;
  const listed = new Map<string, string>();
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    problems.push(
      problem(
        'NS_BUNDLE_INVALID',
        'plan.json lists no files (a bundle written before bundles were hashed): plan it again',
        at,
      ),
    );
    return listed;
  }
  for (const [path, hash] of Object.entries(files)) {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash) || !isBundlePath(path))
      problems.push(
        problem('NS_BUNDLE_INVALID', `plan.json's files entry '${path}' is not a bundle path with a SHA-256`, at),
      );
    else listed.set(path, hash);
  }
  return listed;
}

function isBundlePath(path: string): boolean {
  const parts = path.split('/');
  return (
    path !== BUNDLE_PLAN_FILE &&
    parts[0] !== SIGNATURES_DIRECTORY &&
    parts.every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\'))
  );
}

/** Bundle-relative paths of the regular files under `dir`, sorted; links and other oddities are problems. */
function walk(root: string, prefix: string, problems: Problem[]): string[] {
  const found: string[] = [];
  const entries = readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...walk(root, path, problems));
    else if (entry.isFile()) found.push(path);
    else
      problems.push(
        problem('NS_BUNDLE_FILE_UNLISTED', `${path} is not a regular file (a link?): a bundle holds only files`, {
          file: join(root, path),
        }),
      );
  }
  return found;
}

function signatureEntry(dir: string, path: string, problems: Problem[]): BundleSignatureFile | undefined {
  const match = /^signatures\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) {
    problems.push(
      problem('NS_BUNDLE_FILE_UNLISTED', `${path} is not a signature file (signatures/<channel>/<MSP id>.json)`, {
        file: join(dir, path),
      }),
    );
    return undefined;
  }
  return Object.freeze({
    source: path,
    channel: match[1]!,
    name: match[2]!,
    bytes: new Uint8Array(readFileSync(join(dir, path))),
  });
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
