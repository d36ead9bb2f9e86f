// Server-side apply of one organization's manifests, then prune: objects netspec applied earlier (found by the
// managed-by / part-of / organization labels) that the bundle no longer holds are deleted. Namespaces are never
// pruned: deleting one deletes every volume in it, which no spec edit should do by accident.
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { PatchStrategy } from '@kubernetes/client-node';
import {
  type K8sObject,
  type KIND_ORDER,
  type OrganizationManifests,
  pruneSelector,
} from '../../compiler/k8s/index.js';

export const FIELD_MANAGER = 'netspec';

/** The kinds netspec emits, with their API versions: what prune lists. */
export const PRUNABLE_KINDS: readonly { apiVersion: string; kind: (typeof KIND_ORDER)[number] }[] = [
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
];

export type ApplyEvent =
  | { event: 'applied'; kind: string; name: string; namespace?: string; index: number; total: number }
  | { event: 'pruned'; kind: string; name: string; namespace?: string }
  | { event: 'done'; applied: number; pruned: number; dryRun: boolean }
  | { event: 'recorded'; folder: string };

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
  let pruned = 0;
  // Dependents first: workloads and budgets go before the Services and ConfigMaps they use.
  for (const { apiVersion, kind } of [...PRUNABLE_KINDS].reverse()) {
    const list = await api.list(
      apiVersion,
      kind,
      manifests.namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      selector,
    );
    const stale = list.items
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

function identity(object: K8sObject): { kind: string; name: string; namespace?: string } {
  return {
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}
