// The peer's core.yaml: the image's own, with vm.endpoint emptied. Fabric reads CORE_* variables through viper,
// which ignores an empty value (vendor/github.com/spf13/viper/viper.go, getEnv without AllowEmptyEnv), so
// `CORE_VM_ENDPOINT=""` cannot clear the Docker endpoint of the image's core.yaml (sampleconfig/core.yaml:
// `vm.endpoint: unix:///var/run/docker.sock`). With it set, the peer registers a Docker health check
// (internal/peer/node/start.go) and /healthz answers 503 where no Docker daemon runs. fabric-samples'
// test-network-k8s ships a whole core.yaml with the line commented out; an init container editing the image's own
// file keeps every other default of the release the image is.

/** Where the image keeps core.yaml (its FABRIC_CFG_PATH). */
export const IMAGE_CORE_YAML = '/etc/hyperledger/fabric/core.yaml';

/**
 * The init container's script: copies core.yaml into the shared folder with the Docker endpoint emptied, and fails
 * (so the pod does not start) if a Docker endpoint is still there: a later image that moved the line must not start
 * a peer that is never ready.
 */
export function coreYamlScript(source: string, target: string): string {
  return [
    'set -eu',
    `sed -e 's#^\\([[:space:]]*endpoint:\\)[[:space:]]*unix:///var/run/docker.sock[[:space:]]*$#\\1#' ${source} > ${target}`,
    `if grep -Eq '^[[:space:]]*endpoint:[[:space:]]*unix://' ${target}; then echo 'core.yaml still names a Docker endpoint' >&2; exit 1; fi`,
  ].join('\n');
}
