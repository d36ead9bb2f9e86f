// The labels every emitted object carries. `managed-by` + `part-of` + `organization` together are the prune
// selector of `netspec apply --k8s`: an object without all three is never deleted by netspec.
export const MANAGED_BY = 'netspec';
export const ORGANIZATION_LABEL = 'netspec.io/organization';

export type Component =
  | 'namespace'
  | 'network-policy'
  | 'quota'
  | 'ca'
  | 'peer'
  | 'orderer'
  | 'chaincode'
  | 'quorum-node'
  | 'tessera';

export function commonLabels(network: string, organization: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'app.kubernetes.io/part-of': network,
    [ORGANIZATION_LABEL]: organization,
  };
}

/** Labels that pick one workload's pods; a selector is immutable, so it holds only what never changes. */
export function selectorLabels(name: string, component: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component };
}

export function objectLabels(
  network: string,
  organization: string,
  name: string,
  component: Component,
): Record<string, string> {
  return { ...commonLabels(network, organization), ...selectorLabels(name, component) };
}

/** The label selector `apply --k8s` lists managed objects with. */
export function pruneSelector(network: string, organization: string): string {
  return Object.entries(commonLabels(network, organization))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
