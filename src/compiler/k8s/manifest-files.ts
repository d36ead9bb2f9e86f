// Objects -> the files of `k8s/<org>/`: manifest.yaml, every object of the organization as one YAML document in
// dependency order (the rendered-manifests layout Argo CD's source hydrator writes), and a kustomization.yaml
// listing it, so Argo CD or Flux can sync the folder as it is. One file per folder rather than one per object:
// a consortium of hundreds of organizations emits thousands of objects, and creating a file costs more than
// writing one. The kustomization's annotations carry what `netspec apply --k8s` needs to find the org's cluster.
import type { OrganizationManifests } from './k8s-object.js';
import { toYaml } from './manifest-yaml.js';

export { toYaml };

export interface ManifestFile {
  /** Relative to the output folder: `k8s/<org>/<file>`. */
  path: string;
  text: string;
}

export const MANIFEST_FILE = 'manifest.yaml';
export const KUSTOMIZATION_FILE = 'kustomization.yaml';
export const ANNOTATIONS = {
  network: 'netspec.io/network',
  organization: 'netspec.io/organization',
  namespace: 'netspec.io/namespace',
  context: 'netspec.io/kube-context',
} as const;

/** The organization's two files. */
export function manifestFiles(manifests: OrganizationManifests): ManifestFile[] {
  return manifestFilesOf(manifests, manifests.objects.map(toYaml));
}

/** The same, for a caller that already printed the objects: `documents` is toYaml of each, in order. */
export function manifestFilesOf(manifests: OrganizationManifests, documents: readonly string[]): ManifestFile[] {
  const folder = `k8s/${manifests.organization}`;
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    metadata: {
      name: manifests.organization,
      annotations: {
        ...(manifests.context ? { [ANNOTATIONS.context]: manifests.context } : {}),
        [ANNOTATIONS.namespace]: manifests.namespace,
        [ANNOTATIONS.network]: manifests.network,
        [ANNOTATIONS.organization]: manifests.organization,
      },
    },
    resources: [MANIFEST_FILE],
  };
  return [
    { path: `${folder}/${MANIFEST_FILE}`, text: joinDocuments(documents) },
    { path: `${folder}/${KUSTOMIZATION_FILE}`, text: toYaml(kustomization) },
  ];
}

/** YAML documents (each ending in a newline) as one multi-document text. */
export function joinDocuments(documents: readonly string[]): string {
  return documents.join('---\n');
}

/**
 * The documents of a multi-document YAML text, each exactly as joinDocuments took it: our own files split back
 * into the texts they were made of, so they compare as text. Empty documents (a leading `---`) are dropped.
 */
export function splitDocuments(text: string): string[] {
  return text.split(/^---[ \t]*(?:#.*)?(?:\r?\n|$)/m).filter((document) => document.trim() !== '');
}
