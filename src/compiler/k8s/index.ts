// Kubernetes stage: the model -> per-organization manifests (Namespace, NetworkPolicies, quota, Fabric CA,
// peers, orderers, chaincode servers, Quorum nodes), rendered from templates/k8s/, checked against the API
// server's rules, deterministic. Emitting is pure; writeManifestFolders is the one step that writes.

export { KIND_ORDER } from './canonical-order.js';
export { type EmitOptions, emitManifests, emitOrganizationManifests } from './emit-manifests.js';
export { EMITTED_KINDS, type EmittedKind } from './emitted-kinds.js';
export { imageOf } from './images.js';
export type { K8sObject, OrganizationManifests } from './k8s-object.js';
export { commonLabels, MANAGED_BY, ORGANIZATION_LABEL, pruneSelector } from './labels.js';
export {
  ANNOTATIONS,
  joinDocuments,
  KUSTOMIZATION_FILE,
  MANIFEST_FILE,
  type ManifestFile,
  manifestFiles,
  manifestFilesOf,
  splitDocuments,
  toYaml,
} from './manifest-files.js';
export { genesisConfigMapName } from './quorum-views.js';
export { fileTemplates, type TemplateSource } from './render-template.js';
export {
  externalConfigMaps,
  type RequiredConfigMap,
  type RequiredSecret,
  requiredSecrets,
} from './required-secrets.js';
export { validateObject } from './validate-object.js';
export { writeManifestFolders } from './write-manifests.js';
