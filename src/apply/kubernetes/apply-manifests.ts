// Server-side apply of one organization's manifests, then prune: objects netspec applied earlier (found by the
// managed-by / part-of / organization labels) that the bundle no longer holds are deleted. Namespaces are never
// pruned: deleting one deletes every volume in it, which no spec edit should do by accident.
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { ApiException, PatchStrategy } from '@kubernetes/client-node';
import {
  commonLabels,
  EMITTED_KINDS,
  type EmittedKind,
  type K8sObject,
  type OrganizationManifests,
  pruneSelector,
} from '../../compiler/k8s/index.js';

export const FIELD_MANAGER = 'netspec';

/** What prune lists: every kind netspec emits (the emitter's own list), but Namespace. */
export const PRUNABLE_KINDS: readonly { apiVersion: string; kind: EmittedKind }[] = EMITTED_KINDS.filter(
  ({ kind }) => kind !== 'Namespace',
);

export type ApplyEvent =
  | { event: 'applied'; kind: string; name: string; namespace?: string; index: number; total: number }
  | { event: 'pruned'; kind: string; name: string; namespace?: string }
  | { event: 'done'; applied: number; pruned: number; dryRun: boolean }
  | { event: 'recorded'; folder: string }
  | { event: 'recorded-transitions'; network: string; file: string };

export interface ApplyOptions {
  dryRun: boolean;
  onEvent: (event: ApplyEvent) => void;
}

export async function applyOrganization(
  api: KubernetesObjectApi,
  manifests: OrganizationManifests,
  options: ApplyOptions,
): Promise<{ applied: number; pruned: number }> {
  const dryRun = options.dryRun ? 'All' : undefined;
  const total = manifests.objects.length;
  for (const [index, object] of manifests.objects.entries()) {
    await api.patch(
      structuredClone(object) as KubernetesObject,
      undefined,
      dryRun,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
    options.onEvent({ event: 'applied', ...identity(object), index: index + 1, total });
  }

  const emitted = new Set(manifests.objects.map((object) => `${object.kind}/${object.metadata.name}`));
  const selector = pruneSelector(manifests.network, manifests.organization);
  const ownLabels = Object.entries(commonLabels(manifests.network, manifests.organization));
  let pruned = 0;
  // Dependents first: routes, workloads and budgets go before the Services and ConfigMaps they use.
  for (const { apiVersion, kind } of [...PRUNABLE_KINDS].reverse()) {
    const items = await listLabelled(api, apiVersion, kind, manifests.namespace, selector);
    const stale = items
      // The server already filtered by the selector; checked again here, as deleting is not undone.
      .filter((item) => ownLabels.every(([key, value]) => item.metadata?.labels?.[key] === value))
      .filter((item) => item.metadata?.name && !emitted.has(`${kind}/${item.metadata.name}`))
      .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    for (const item of stale) {
      const target = {
        apiVersion,
        kind,
        metadata: { name: String(item.metadata?.name), namespace: manifests.namespace },
      };
      await api.delete(target, undefined, dryRun, undefined, undefined, 'Foreground');
      options.onEvent({ event: 'pruned', kind, name: target.metadata.name, namespace: manifests.namespace });
      pruned++;
    }
  }
  options.onEvent({ event: 'done', applied: total, pruned, dryRun: options.dryRun });
  return { applied: total, pruned };
}

/**
 * The objects of one kind in the namespace that carry the prune selector's labels: the API server filters, so an
 * object without all of netspec's labels is never listed, hence never deleted. A kind the cluster does not serve
 * (the Gateway API is a set of CRDs a cluster need not have installed) holds no object: client-node answers its
 * API discovery's 404, or a group without the kind, as below.
 */
async function listLabelled(
  api: KubernetesObjectApi,
  apiVersion: string,
  kind: string,
  namespace: string,
  selector: string,
): Promise<KubernetesObject[]> {
  try {
    const list = await api.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, selector);
    return list.items;
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return [];
    if (error instanceof Error && error.message.startsWith(`Unrecognized API version and kind: ${apiVersion} ${kind}`))
      return [];
    throw error;
  }
}

function identity(object: K8sObject): { kind: string; name: string; namespace?: string } {
  return {
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}
