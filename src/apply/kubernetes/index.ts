// Applying Kubernetes manifests: read an org's folder from a bundle, server-side apply it to the org's own
// cluster (kubeconfig context from the spec), prune what netspec applied before and no longer emits, and keep
// what was applied in the state folder for the next plan.
export { type ApplyEvent, applyOrganization, FIELD_MANAGER, PRUNABLE_KINDS } from './apply-manifests.js';
export { connect } from './kube-client.js';
export { progressReporter } from './progress.js';
export {
  BundleError,
  bundleOrganizations,
  type ManifestFiles,
  manifestFolderFiles,
  readOrganizationManifests,
} from './read-bundle.js';
export { recordAppliedManifests } from './record-applied.js';
