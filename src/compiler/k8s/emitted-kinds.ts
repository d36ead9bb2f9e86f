// Every kind of object netspec emits, with the API version its template writes, in dependency order. One list:
// the manifests' object order (canonical-order.ts), the emit-time check that refuses any other kind
// (validate-object.ts) and what `apply --k8s` prunes (apply/kubernetes/apply-manifests.ts) all come from it, so
// no kind can be emitted without being pruned once the spec stops emitting it.
export const EMITTED_KINDS = [
  { kind: 'Namespace', apiVersion: 'v1' },
  { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1' },
  { kind: 'ResourceQuota', apiVersion: 'v1' },
  { kind: 'ConfigMap', apiVersion: 'v1' },
  { kind: 'Service', apiVersion: 'v1' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { kind: 'Deployment', apiVersion: 'apps/v1' },
  { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1' },
  // Routes last: they name Services, and a Gateway or ingress controller routes only to Services that exist.
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1' },
  { kind: 'TLSRoute', apiVersion: 'gateway.networking.k8s.io/v1alpha2' },
] as const;

export type EmittedKind = (typeof EMITTED_KINDS)[number]['kind'];
