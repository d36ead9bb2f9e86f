// After a real apply, an organization's folder from the bundle becomes the state's k8s/<org>/: the manifests last
// applied, which the next plan compares against. The reviewed files are copied as they are, and the folder is
// replaced as a whole.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeManifestFolders } from '../../compiler/k8s/index.js';
import { pathFromBundle } from '../../compiler/plan/bundle-paths.js';
import { BundleError } from './read-bundle.js';

/**
 * Copies `k8s/<organization>/` of a plan bundle into the state folder its plan.json names; returns the folder
 * written. A folder made by `netspec manifests` has no plan.json and no state to keep: nothing is written.
 */
export function recordAppliedManifests(bundle: string, organization: string): string | undefined {
  const planFile = join(bundle, 'plan.json');
  if (!existsSync(planFile)) return undefined;
  let stateDir: unknown;
  try {
    stateDir = (JSON.parse(readFileSync(planFile, 'utf8')) as { stateDir?: unknown }).stateDir;
  } catch (error) {
    throw new BundleError(`${planFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof stateDir !== 'string') throw new BundleError(`${planFile}: no stateDir`);
  const folder = join(bundle, 'k8s', organization);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ path: `k8s/${organization}/${name}`, text: readFileSync(join(folder, name), 'utf8') }));
  return writeManifestFolders(pathFromBundle(bundle, stateDir), files)[0];
}
