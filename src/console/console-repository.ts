// The networks a console shows and every document it serves about them. Each document is produced by the very
// functions the CLI prints with `--format json` (plan: makePlan + renderJson; verify: readBundle + verifyBundle +
// renderReportJson; history: readGovernanceHistory + renderHistoryJson), so the console and the CLI cannot
// disagree. The spec and state a bundle is judged against come from the network's own folder (networkFilesOf), as
// `netspec verify <bundle>` takes them, never from the bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { BUNDLE_PLAN_FILE, networkFilesOf, readBundle } from '../bundle/index.js';
import { sourceDateEpoch } from '../cli/source-date-epoch.js';
import { hasErrors } from '../compiler/diagnostics/index.js';
import { loadSpec } from '../compiler/load-spec.js';
import { makePlan } from '../compiler/plan/make-plan.js';
import { renderJson } from '../compiler/render/json.js';
import type { NetworkOverview } from './console-documents.js';
import { networkOverview } from './network-overview.js';

export interface ConsoleNetwork {
  /** The folder's name: how the console's addresses name the network. */
  name: string;
  /** Absolute network folder. */
  folder: string;
  /** Repository-relative POSIX folder (`networks/supply-chain`): how the CLI is run from the repository root. */
  path: string;
}

/** A document the console serves, or why there is none (shown on the page that asked). */
export type ConsoleDocument = { json: string } | { error: string };

/** The repository root (git's top level, or the folder itself outside git) of `start`. */
export function repositoryRootOf(start: string): string {
  try {
    return realpathSync(
      execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: start, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString('utf8')
        .trim(),
    );
  } catch {
    return realpathSync(start);
  }
}

/**
 * The networks named on the command line (a folder, its network.yaml, or a name under networks/), or every
 * `networks/<name>/network.yaml` of the repository. Returns the first argument that names no network instead.
 */
export function consoleNetworks(root: string, args: readonly string[]): ConsoleNetwork[] | { error: string } {
  const folders: string[] = [];
  if (args.length === 0) {
    const base = join(root, 'networks');
    if (existsSync(base))
      for (const entry of readdirSync(base, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)))
        if (entry.isDirectory() && existsSync(join(base, entry.name, 'network.yaml')))
          folders.push(join(base, entry.name));
    if (folders.length === 0) return { error: `no networks/<name>/network.yaml in ${root}: name a network folder` };
  }
  for (const arg of args) {
    const candidates = [arg, join(root, 'networks', arg)];
    const found = candidates
      .map((candidate) => (basename(candidate) === 'network.yaml' ? resolve(candidate, '..') : resolve(candidate)))
      .find((folder) => existsSync(join(folder, 'network.yaml')));
    if (!found) return { error: `${arg} is neither a network folder, its network.yaml, nor a name under networks/` };
    folders.push(found);
  }
  const networks: ConsoleNetwork[] = [];
  for (const folder of folders) {
    const real = realpathSync(folder);
    const path = relative(root, real).split(sep).join('/');
    if (path.startsWith('..')) return { error: `${folder} lies outside the repository ${root}` };
    const name = basename(real);
    if (networks.some((network) => network.name === name))
      return { error: `two networks are named ${name}: run one console per network of that name` };
    networks.push({ name, folder: real, path });
  }
  return networks;
}

/** The bundle folders of a network: its subfolders holding a plan.json (`networks/<name>/bundle` by convention). */
export function bundlesOf(network: ConsoleNetwork): string[] {
  return readdirSync(network.folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isFile(join(network.folder, entry.name, BUNDLE_PLAN_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/** The network's map and channel pages: the model and the state folder, with policies in the plan's words. */
export function overviewDocument(root: string, network: ConsoleNetwork): ConsoleDocument {
  const specFile = join(network.folder, 'network.yaml');
  const loaded = loadSpec(specFile);
  if (!loaded.value || hasErrors(loaded.diagnostics)) return specError(network, loaded.diagnostics);
  const overview: NetworkOverview = networkOverview(
    loaded.value.model,
    relative(root, specFile).split(sep).join('/'),
    join(network.folder, 'state'),
    root,
  );
  return { json: `${JSON.stringify(overview, null, 2)}\n` };
}

/**
 * What `netspec plan networks/<name>/network.yaml --format json` prints when run from the repository root: the
 * spec against `state/` beside it, the same plan and the same bytes.
 */
export function planDocument(network: ConsoleNetwork, specBytes?: Uint8Array): ConsoleDocument {
  const specFile = join(network.folder, 'network.yaml');
  const bytes = specBytes ?? new Uint8Array(readFileSync(specFile));
  const loaded = loadSpec(specFile, { bytes });
  if (!loaded.value || hasErrors(loaded.diagnostics)) return specError(network, loaded.diagnostics);
  const result = makePlan({
    loaded: loaded.value,
    specFile,
    stateDir: join(network.folder, 'state'),
    // As the CLI stamps it: SOURCE_DATE_EPOCH, else time zero, so the plan never depends on the clock.
    timestamp: sourceDateEpoch(() => new Date(0)),
  });
  if (!result.plan)
    return { error: result.diagnostics.map((d) => d.message).join('; ') || `the plan of ${network.path} failed` };
  // The paths as the command line names them from the repository root.
  const plan = { ...result.plan, specFile: `${network.path}/network.yaml`, stateDir: `${network.path}/state` };
  return { json: renderJson(plan) };
}

/** A bundle's plan.json, byte for byte as committed in the bundle. */
export function bundlePlanDocument(network: ConsoleNetwork, bundle: string): ConsoleDocument {
  if (!bundlesOf(network).includes(bundle)) return { error: `${network.path} has no bundle ${bundle}` };
  return { json: readFileSync(join(network.folder, bundle, BUNDLE_PLAN_FILE), 'utf8') };
}

/** What `netspec verify networks/<name>/<bundle> --format json` prints: the bundle against its network's spec and state. */
export async function verifyDocument(network: ConsoleNetwork, bundle: string): Promise<ConsoleDocument> {
  if (!bundlesOf(network).includes(bundle)) return { error: `${network.path} has no bundle ${bundle}` };
  const { renderReportJson, verifyBundle } = await import('../governance/index.js');
  const dir = join(network.folder, bundle);
  const read = readBundle(dir);
  if ('error' in read) return { error: read.error };
  const files = networkFilesOf(dir);
  if ('error' in files) return { error: files.error };
  return { json: renderReportJson(verifyBundle(read.bundle, files).report) };
}

/** What `netspec history networks/<name> --format json` prints: the governance log from git alone. */
export async function historyDocument(root: string, network: ConsoleNetwork): Promise<ConsoleDocument> {
  const history = await import('../apply/git/index.js');
  let result: Awaited<ReturnType<typeof history.readGovernanceHistory>>;
  try {
    result = await history.readGovernanceHistory({ repoRoot: root, networkPath: network.path });
  } catch (error) {
    return { error: `the history of ${network.path} cannot be read from git: ${(error as Error).message}` };
  }
  if (result.events.length === 0) return { error: `no commit touches ${network.path}` };
  return { json: history.renderHistoryJson(result) };
}

/**
 * What `netspec status networks/<name>/network.yaml --format json` prints (its default --max-lag 10 and --timeout
 * 5000): each node's operations endpoint read now (health, version, ledger heights) and the certificates with
 * their days left. Only for a network with
 * connection settings: the console asks no node of a network that names none. Read-only GETs, no identity.
 */
export async function statusDocument(network: ConsoleNetwork): Promise<ConsoleDocument> {
  const loaded = loadSpec(join(network.folder, 'network.yaml'));
  if (!loaded.value || hasErrors(loaded.diagnostics)) return specError(network, loaded.diagnostics);
  const { identities, endpoints } = loaded.value.model.connection;
  if (Object.keys(identities).length === 0 && Object.keys(endpoints).length === 0)
    return { error: `${network.path}/network.yaml has no connection settings: there is no live network to ask` };
  const { renderStatus, specStatus } = await import('../apply/health/index.js');
  return { json: renderStatus(await specStatus(loaded.value, { maxLag: 10, timeoutMs: 5000 }), 'json') };
}

/** https://github.com/<owner>/<name> when the repository's origin is on GitHub: history links each commit there. */
export function commitBaseUrl(root: string): string | undefined {
  let url: string;
  try {
    url = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString('utf8')
      .trim();
  } catch {
    return undefined;
  }
  const match =
    /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      url,
    );
  return match ? `https://github.com/${match[1]}/${match[2]}/commit/` : undefined;
}

function specError(network: ConsoleNetwork, diagnostics: readonly { message: string }[]): ConsoleDocument {
  const first = diagnostics[0]?.message ?? 'unknown error';
  return { error: `${network.path}/network.yaml does not load (run netspec validate on it): ${first}` };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
