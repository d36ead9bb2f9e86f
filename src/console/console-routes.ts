// The console's addresses: one document per address, the same set for the live server and the exported site (which
// writes each of them into the page's data file, since a page opened from file:// may not fetch). Addresses are
// relative (`api/...`), so the app finds them under whatever folder serves it.

import type { ConsoleIndex } from './console-documents.js';
import {
  bundlePlanDocument,
  bundlesOf,
  type ConsoleDocument,
  type ConsoleNetwork,
  commitBaseUrl,
  historyDocument,
  overviewDocument,
  planDocument,
  statusDocument,
  verifyDocument,
} from './console-repository.js';

export interface ConsoleContext {
  root: string;
  networks: readonly ConsoleNetwork[];
  /** Whether the app may offer edits (a server on a loopback address; never an exported site). */
  edits: boolean;
}

export const INDEX_PATH = 'api/index.json';

export function indexDocument(context: ConsoleContext, source: ConsoleIndex['source'], commit?: string): string {
  const base = commitBaseUrl(context.root);
  const index: ConsoleIndex = {
    networks: context.networks.map((network) => ({
      name: network.name,
      path: network.path,
      bundles: bundlesOf(network),
    })),
    ...(base ? { commitBaseUrl: base } : {}),
    edits: context.edits,
    live: source === 'server',
    source,
    ...(commit ? { commit } : {}),
  };
  return `${JSON.stringify(index, null, 2)}\n`;
}

/** Every document address of the context, index first: what an export writes. */
export function documentPaths(context: ConsoleContext): string[] {
  const paths = [INDEX_PATH];
  for (const network of context.networks) {
    const base = `api/networks/${network.name}`;
    paths.push(`${base}/overview.json`, `${base}/plan.json`, `${base}/history.json`);
    for (const bundle of bundlesOf(network))
      paths.push(`${base}/bundles/${bundle}/plan.json`, `${base}/bundles/${bundle}/verify.json`);
  }
  return paths;
}

/** The document at an address, or undefined when the address names none. */
export async function documentAt(context: ConsoleContext, path: string): Promise<ConsoleDocument | undefined> {
  if (path === INDEX_PATH) return { json: indexDocument(context, 'server') };
  const match =
    /^api\/networks\/([^/]+)\/(?:(overview|plan|history)\.json|bundles\/([^/]+)\/(plan|verify)\.json)$/.exec(path);
  if (!match) return undefined;
  const network = context.networks.find((candidate) => candidate.name === match[1]);
  if (!network) return undefined;
  try {
    if (match[2] === 'overview') return overviewDocument(context.root, network);
    if (match[2] === 'plan') return planDocument(network);
    if (match[2] === 'history') return await historyDocument(context.root, network);
    if (match[2] === 'status') return await statusDocument(network);
    if (match[4] === 'plan') return bundlePlanDocument(network, match[3]!);
    return await verifyDocument(network, match[3]!);
  } catch (error) {
    // A user's mistake the CLI would say in one line (SOURCE_DATE_EPOCH, an unreadable file) is the page's message.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
