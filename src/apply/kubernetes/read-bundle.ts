// One organization's manifests from the files of a verified bundle, or of a folder `netspec manifests` wrote
// (`k8s/<org>/kustomization.yaml` and the files it lists, each holding one or more objects): exactly the objects
// that were reviewed, not a fresh render of the spec. Bundle-relative path -> bytes in, objects out: a bundle's
// bytes are read once, by the bundle module, and checked there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K8sObject, OrganizationManifests } from '../../compiler/k8s/index.js';
import { ANNOTATIONS, KUSTOMIZATION_FILE } from '../../compiler/k8s/index.js';
import { yamlPackage } from '../../yaml-package.js';

/** A bundle that cannot be applied as it is; the message names the file. */
export class BundleError extends Error {}

/** Bundle-relative path -> bytes: a bundle's files, or a manifests folder's (manifestFolderFiles). */
export type ManifestFiles = ReadonlyMap<string, Uint8Array>;

/** The organizations with a `k8s/<org>/kustomization.yaml`, sorted. */
export function bundleOrganizations(files: ManifestFiles): string[] {
  const found = new Set<string>();
  for (const path of files.keys()) {
    const match = /^k8s\/([^/]+)\/kustomization\.yaml$/.exec(path);
    if (match) found.add(match[1]!);
  }
  return [...found].sort();
}

/** The `k8s/<org>/*.yaml` files of a folder `netspec manifests` wrote (not a plan bundle: nothing to verify). */
export function manifestFolderFiles(dir: string): ManifestFiles {
  const files = new Map<string, Uint8Array>();
  let organizations: string[];
  try {
    organizations = readdirSync(join(dir, 'k8s'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return files;
  }
  for (const organization of organizations)
    for (const entry of readdirSync(join(dir, 'k8s', organization), { withFileTypes: true }))
      if (entry.isFile() && entry.name.endsWith('.yaml'))
        files.set(
          `k8s/${organization}/${entry.name}`,
          new Uint8Array(readFileSync(join(dir, 'k8s', organization, entry.name))),
        );
  return files;
}

/** `label` names where the files came from in messages (the bundle folder). */
export function readOrganizationManifests(
  files: ManifestFiles,
  organization: string,
  label = '.',
): OrganizationManifests {
  const folder = `k8s/${organization}`;
  const where = (name: string) => join(label, folder, name);
  const kustomization = parseYamlDocuments(files, `${folder}/${KUSTOMIZATION_FILE}`, label)[0] as {
    metadata?: { annotations?: Record<string, string> };
    resources?: unknown;
  };
  const annotations = kustomization?.metadata?.annotations ?? {};
  const network = annotations[ANNOTATIONS.network];
  const namespace = annotations[ANNOTATIONS.namespace];
  if (annotations[ANNOTATIONS.organization] !== organization || !network || !namespace)
    throw new BundleError(
      `${where(KUSTOMIZATION_FILE)}: missing the netspec annotations (${ANNOTATIONS.network}, ${ANNOTATIONS.organization}, ${ANNOTATIONS.namespace}) for '${organization}'`,
    );
  const resources = kustomization.resources;
  if (!Array.isArray(resources) || !resources.every((entry) => typeof entry === 'string' && !entry.includes('/')))
    throw new BundleError(`${where(KUSTOMIZATION_FILE)}: resources must list the files of this folder`);
  const objects = resources.flatMap((name) =>
    parseYamlDocuments(files, `${folder}/${name}`, label).map((object, index, all) => {
      const at = all.length > 1 ? `${where(name)} (document ${index + 1})` : where(name);
      if (!isKubernetesObject(object)) throw new BundleError(`${at}: not a Kubernetes object`);
      // Prune relies on these labels: an object without them would be applied and never cleaned up.
      if (object.metadata.labels?.['app.kubernetes.io/part-of'] !== network)
        throw new BundleError(`${at}: not labelled as part of network '${network}'`);
      return object;
    }),
  );
  const context = annotations[ANNOTATIONS.context];
  return { organization, network, namespace, ...(context ? { context } : {}), objects };
}

/** Every document of a YAML file (a manifest.yaml holds one per object). */
function parseYamlDocuments(files: ManifestFiles, path: string, label: string): unknown[] {
  const bytes = files.get(path);
  if (!bytes) throw new BundleError(`${join(label, path)} does not exist`);
  const documents = yamlPackage().parseAllDocuments(Buffer.from(bytes).toString('utf8'));
  const all = Array.isArray(documents) ? documents : [documents];
  for (const document of all)
    if (document.errors.length > 0)
      throw new BundleError(`${join(label, path)}: ${document.errors[0]!.message.split('\n')[0]}`);
  return all.map((document) => document.toJS()).filter((value) => value !== null);
}

function isKubernetesObject(value: unknown): value is K8sObject {
  const object = value as Partial<K8sObject> | null;
  return !!object?.apiVersion && !!object.kind && !!object.metadata?.name;
}
