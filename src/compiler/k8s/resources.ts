// Container resources: the node's own values where the spec gives them, then the org's per node kind
// (`kubernetes.resources`), then these defaults. Requests and limits are equal (the schema promises it): blockchain
// nodes get Guaranteed QoS and are the last pods the kubelet evicts.
import type { ResourceKind, ResourcesModel } from '../model/network-model.js';
import type { OrganizationScope } from './organization-scope.js';

export interface ResourceDefaults {
  cpu: string;
  memory: string;
  /** undefined: the workload keeps no volume. */
  storage?: string;
}

export const DEFAULT_RESOURCES = {
  ca: { cpu: '100m', memory: '256Mi', storage: '1Gi' },
  peer: { cpu: '500m', memory: '1Gi', storage: '20Gi' },
  couchdb: { cpu: '500m', memory: '1Gi', storage: '20Gi' },
  orderer: { cpu: '500m', memory: '1Gi', storage: '20Gi' },
  chaincode: { cpu: '250m', memory: '512Mi' },
  quorumNode: { cpu: '1', memory: '2Gi', storage: '50Gi' },
  tessera: { cpu: '250m', memory: '512Mi', storage: '5Gi' },
} as const satisfies Record<ResourceKind, ResourceDefaults>;

/** Small and Guaranteed: an init container that only copies a file. */
export const INIT_CONTAINER_RESOURCES: ContainerResources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '50m', memory: '64Mi' },
};

export interface ContainerResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** The org's choice for a kind of node over netspec's default, field by field. */
export function resourceDefaults(scope: OrganizationScope, kind: ResourceKind): ResourceDefaults {
  const defaults: ResourceDefaults = DEFAULT_RESOURCES[kind];
  const chosen = scope.org.kubernetes.resources[kind] ?? {};
  const storage = chosen.storage ?? defaults.storage;
  return {
    cpu: chosen.cpu ?? defaults.cpu,
    memory: chosen.memory ?? defaults.memory,
    ...(storage !== undefined ? { storage } : {}),
  };
}

export function containerResources(spec: ResourcesModel, defaults: ResourceDefaults): ContainerResources {
  const cpu = spec.cpu ?? defaults.cpu;
  const memory = spec.memory ?? defaults.memory;
  return { requests: { cpu, memory }, limits: { cpu, memory } };
}

export function storageOf(spec: ResourcesModel, defaults: ResourceDefaults): string {
  return spec.storage ?? defaults.storage ?? '1Gi';
}
