// A bundle records where its spec and live state were, relative to the bundle folder, for the people reading
// plan.json. Nothing reads them back as instructions: verify and apply judge a bundle against the spec and state
// their caller names (src/bundle/network-files.ts), never ones a proposal could point elsewhere.
import { isAbsolute, relative } from 'node:path';

/** The path to store in a bundle's plan.json for `path` (as given on the command line). */
export function pathForBundle(bundleDir: string, path: string): string {
  if (isAbsolute(path)) return path;
  return relative(bundleDir, path).split('\\').join('/') || '.';
}
