// The value every emitter step passes around: one Kubernetes object as plain data, plus where it came from in
// the spec, so an invalid object can be reported at the spec node that produced it.
import type { DataPath } from '../parse/index.js';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** One organization's manifests: what that org applies to its own cluster, and nothing of another org's. */
export interface OrganizationManifests {
  organization: string;
  network: string;
  namespace: string;
  /** The kubeconfig context the org applies with (from the spec), when it names one. */
  context?: string;
  /** In dependency order (Namespace first, PodDisruptionBudgets last). */
  objects: K8sObject[];
}

/** An object before validation: the rendered value and the spec node it stems from. */
export interface EmittedObject {
  object: K8sObject;
  origin: DataPath;
}
