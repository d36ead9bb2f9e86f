// Deterministic output: keys sorted, except `apiVersion`, `kind`, `metadata` first (the order people read a
// manifest in); objects in dependency order, so a plain `kubectl apply -f` of the folder also works.
import { EMITTED_KINDS, type EmittedKind } from './emitted-kinds.js';
import type { K8sObject } from './k8s-object.js';

const HEAD_KEYS = ['apiVersion', 'kind', 'metadata'];

/** Kinds in the order objects are written and applied (emitted-kinds.ts). */
export const KIND_ORDER: readonly EmittedKind[] = EMITTED_KINDS.map(({ kind }) => kind);

/** The object in canonical key order. Takes ownership: the object (fresh from the template) is reused where it can be. */
export function canonicalObject(object: K8sObject): K8sObject {
  const sorted = sortKeys(object) as Record<string, unknown>;
  const head = Object.fromEntries(HEAD_KEYS.filter((key) => key in sorted).map((key) => [key, sorted[key]]));
  return { ...head, ...sorted } as K8sObject;
}

/**
 * Keys sorted at every level. Most of a rendered object is already in order (templates are written sorted), so a
 * map whose keys are in order is kept and only its children are looked at; the others are rebuilt.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sortKeys(value[i]);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (!inOrder) keys.sort();
  const out: Record<string, unknown> = inOrder ? map : {};
  for (const key of keys) {
    const child = map[key];
    const sorted = sortKeys(child);
    if (inOrder && sorted === child) continue;
    // A key named __proto__ must stay a key, which assignment would not do.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: sorted, enumerable: true, writable: true, configurable: true });
    else out[key] = sorted;
  }
  return out;
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
