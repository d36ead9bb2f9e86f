// Reads one organization's manifests from a bundle (`k8s/<org>/kustomization.yaml` and the files it lists, each
// holding one or more objects): exactly the objects that were reviewed, not a fresh render of the spec.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { K8sObject, OrganizationManifests } from '../../compiler/k8s/index.js';
import { ANNOTATIONS, KUSTOMIZATION_FILE } from '../../compiler/k8s/index.js';

/** A bundle that cannot be applied as it is; the message names the file. */
export class BundleError extends Error {}

export function bundleOrganizations(bundle: string): string[] {
  const folder = join(bundle, 'k8s');
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, KUSTOMIZATION_FILE)))
    .map((entry) => entry.name)
    .sort();
}

export function readOrganizationManifests(bundle: string, organization: string): OrganizationManifests {
  const folder = join(bundle, 'k8s', organization);
  const kustomizationFile = join(folder, KUSTOMIZATION_FILE);
  if (!existsSync(kustomizationFile)) throw new BundleError(`${kustomizationFile} does not exist`);
  const kustomization = parseYamlFile(kustomizationFile) as {
    metadata?: { annotations?: Record<string, string> };
    resources?: unknown;
  };
  const annotations = kustomization?.metadata?.annotations ?? {};
  const network = annotations[ANNOTATIONS.network];
  const namespace = annotations[ANNOTATIONS.namespace];
  if (annotations[ANNOTATIONS.organization] !== organization || !network || !namespace)
    throw new BundleError(
      `${kustomizationFile}: missing the netspec annotations (${ANNOTATIONS.network}, ${ANNOTATIONS.organization}, ${ANNOTATIONS.namespace}) for '${organization}'`,
    );
  const resources = kustomization.resources;
  if (!Array.isArray(resources) || !resources.every((entry) => typeof entry === 'string' && !entry.includes('/')))
    throw new BundleError(`${kustomizationFile}: resources must list the files of this folder`);
  const objects = resources.flatMap((name) =>
    parseYamlDocuments(join(folder, name)).map((object, index, all) => {
      const where = all.length > 1 ? `${join(folder, name)} (document ${index + 1})` : join(folder, name);
      if (!isKubernetesObject(object)) throw new BundleError(`${where}: not a Kubernetes object`);
      // Prune relies on these labels: an object without them would be applied and never cleaned up.
      if (object.metadata.labels?.['app.kubernetes.io/part-of'] !== network)
        throw new BundleError(`${where}: not labelled as part of network '${network}'`);
      return object;
    }),
  );
  const context = annotations[ANNOTATIONS.context];
  return { organization, network, namespace, ...(context ? { context } : {}), objects };
}

function parseYamlFile(file: string): unknown {
  const [first] = parseYamlDocuments(file);
  return first;
}

/** Every document of a YAML file (a manifest.yaml holds one per object). */
function parseYamlDocuments(file: string): unknown[] {
  if (!existsSync(file)) throw new BundleError(`${file} does not exist`);
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  const all = Array.isArray(documents) ? documents : [documents];
  for (const document of all)
    if (document.errors.length > 0) throw new BundleError(`${file}: ${document.errors[0]!.message.split('\n')[0]}`);
  return all.map((document) => document.toJS()).filter((value) => value !== null);
}

function isKubernetesObject(value: unknown): value is K8sObject {
  const object = value as Partial<K8sObject> | null;
  return !!object?.apiVersion && !!object.kind && !!object.metadata?.name;
}
