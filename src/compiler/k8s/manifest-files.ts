// Objects -> the files of `k8s/<org>/`: one YAML file per object (`<kind>-<name>.yaml`) and a
// kustomization.yaml listing them in dependency order, so Argo CD or Flux can sync the folder as it is.
// The kustomization's annotations carry what `netspec apply --k8s` needs to find the org's cluster.
import type { K8sObject, OrganizationManifests } from './k8s-object.js';
import { toYaml } from './manifest-yaml.js';

export { toYaml };

export interface ManifestFile {
  /** Relative to the output folder: `k8s/<org>/<file>`. */
  path: string;
  text: string;
}

export const KUSTOMIZATION_FILE = 'kustomization.yaml';
export const ANNOTATIONS = {
  network: 'netspec.io/network',
  organization: 'netspec.io/organization',
  namespace: 'netspec.io/namespace',
  context: 'netspec.io/kube-context',
} as const;

export function objectFileName(object: K8sObject): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

export function manifestFiles(manifests: OrganizationManifests): ManifestFile[] {
  const folder = `k8s/${manifests.organization}`;
  const files = manifests.objects.map((object) => ({
    path: `${folder}/${objectFileName(object)}`,
    text: toYaml(object),
  }));
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
    resources: manifests.objects.map(objectFileName),
  };
  return [...files, { path: `${folder}/${KUSTOMIZATION_FILE}`, text: toYaml(kustomization) }];
}
