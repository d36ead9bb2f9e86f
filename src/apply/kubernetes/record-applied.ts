// After a real apply, an organization's folder from the verified bundle becomes the state's k8s/<org>/: the
// manifests last applied, which the next plan compares against. The reviewed bytes are written as they are, into
// the state folder the bundle was verified against (never one plan.json names), and the folder is replaced whole.
import { writeManifestFolders } from '../../compiler/k8s/index.js';
import type { ManifestFiles } from './read-bundle.js';

/** Writes `k8s/<organization>/*.yaml` of `files` under `stateDir`; returns the folder written. */
export function recordAppliedManifests(
  files: ManifestFiles,
  organization: string,
  stateDir: string,
): string | undefined {
  const prefix = `k8s/${organization}/`;
  const written = [...files]
    .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/') && path.endsWith('.yaml'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, bytes]) => ({ path, text: Buffer.from(bytes).toString('utf8') }));
  return writeManifestFolders(stateDir, written)[0];
}
