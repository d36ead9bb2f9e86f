// Re-planning into a signed bundle: a signature is over one channel's update bytes, so it stays valid exactly while
// those bytes stay the same. Signatures whose update.pb is unchanged byte for byte carry over into the new bundle;
// every other one is dropped with the reason, so the organization knows to sign again. Reads the old bundle only.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNATURES_DIRECTORY } from './bundle-layout.js';

export interface KeptSignature {
  /** Bundle-relative path, `signatures/<channel>/<name>.json`. */
  path: string;
  channel: string;
  /** The file name without `.json`: the signer's MSP id. */
  name: string;
}

export interface DroppedSignature {
  /** Bundle-relative path of the file left behind. */
  path: string;
  reason: string;
}

export interface KeptSignatures {
  /** Bundle-relative path -> bytes as read: the signature files to copy into the new bundle. */
  files: Map<string, Uint8Array>;
  kept: KeptSignature[];
  dropped: DroppedSignature[];
}

/**
 * Sorts the old bundle's `signatures/` files (in path order) into kept and dropped. One is kept when it is a
 * regular file `signatures/<channel>/<name>.json` and both the old bundle and `newFiles` hold
 * `fabric/<channel>/update.pb` with the same bytes. A missing bundle or signatures folder keeps nothing.
 */
export function keepSignatures(oldBundle: string, newFiles: ReadonlyMap<string, Uint8Array>): KeptSignatures {
  const result: KeptSignatures = { files: new Map(), kept: [], dropped: [] };
  for (const path of filesUnder(oldBundle, SIGNATURES_DIRECTORY)) {
    const match = /^signatures\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match || !isRegularFile(join(oldBundle, path))) {
      result.dropped.push({ path, reason: 'not a signature file, signatures/<channel>/<MSP id>.json' });
      continue;
    }
    const [, channel, name] = match as unknown as [string, string, string];
    const reason = updateChange(oldBundle, channel, newFiles);
    if (reason) {
      result.dropped.push({ path, reason });
      continue;
    }
    result.files.set(path, new Uint8Array(readFileSync(join(oldBundle, path))));
    result.kept.push({ path, channel, name });
  }
  return result;
}

/** Why a signature over the old bundle's update of `channel` no longer holds, or undefined when it still does. */
function updateChange(
  oldBundle: string,
  channel: string,
  newFiles: ReadonlyMap<string, Uint8Array>,
): string | undefined {
  const update = `fabric/${channel}/update.pb`;
  const now = newFiles.get(update);
  if (!now) return 'the channel has no update to sign now';
  const file = join(oldBundle, update);
  if (!isRegularFile(file)) return 'the old bundle holds no update for the channel: sign again';
  return Buffer.from(now).equals(readFileSync(file)) ? undefined : 'the update changed: sign again';
}

/** Bundle-relative paths of everything but folders under `folder`, sorted; nothing when it is missing. */
function filesUnder(root: string, folder: string): string[] {
  let entries: string[];
  try {
    if (!lstatSync(join(root, folder)).isDirectory()) return [folder];
    entries = readdirSync(join(root, folder));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((name) => filesUnder(root, `${folder}/${name}`)).sort();
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
