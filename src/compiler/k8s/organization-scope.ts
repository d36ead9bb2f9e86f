// The facts every view builder of one organization needs: where its objects go and how they are labelled.
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import { type Component, objectLabels, selectorLabels } from './labels.js';

export interface OrganizationScope {
  model: NetworkModel;
  org: OrganizationModel;
  namespace: string;
  storageClassName: string | null;
  labels(name: string, component: Component): Record<string, string>;
  selector(name: string, component: Component): Record<string, string>;
  /** name, namespace and labels: the start of every view. */
  meta(name: string, component: Component): { name: string; namespace: string; labels: Record<string, string> };
}

export function organizationScope(model: NetworkModel, org: OrganizationModel): OrganizationScope {
  const namespace = org.kubernetes.namespace;
  const labels = (name: string, component: Component) => objectLabels(model.name, org.name, name, component);
  return {
    model,
    org,
    namespace,
    storageClassName: org.kubernetes.storageClass ?? null,
    labels,
    selector: selectorLabels,
    meta: (name, component) => ({ name, namespace, labels: labels(name, component) }),
  };
}
