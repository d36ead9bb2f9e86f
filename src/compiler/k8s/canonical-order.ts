// Deterministic output: keys sorted, except `apiVersion`, `kind`, `metadata` first (the order people read a
// manifest in); objects in dependency order, so a plain `kubectl apply -f` of the folder also works.
import type { K8sObject } from './k8s-object.js';

const HEAD_KEYS = ['apiVersion', 'kind', 'metadata'];

export const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'ConfigMap',
  'Service',
  'StatefulSet',
  'Deployment',
  'PodDisruptionBudget',
] as const;

export function canonicalObject(object: K8sObject): K8sObject {
  const sorted = sortKeys(object) as Record<string, unknown>;
  const head = Object.fromEntries(HEAD_KEYS.filter((key) => key in sorted).map((key) => [key, sorted[key]]));
  return { ...head, ...sorted } as K8sObject;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Stable: objects of one kind keep the order the emitter produced them in (spec order). */
export function inDependencyOrder(objects: readonly K8sObject[]): K8sObject[] {
  const rank = (kind: string) => {
    const index = (KIND_ORDER as readonly string[]).indexOf(kind);
    return index === -1 ? KIND_ORDER.length : index;
  };
  return objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => rank(a.object.kind) - rank(b.object.kind) || a.index - b.index)
    .map(({ object }) => object);
}
