// Container resources: the spec's values where it gives them, these defaults otherwise. Requests and limits are
// equal (the schema promises it): blockchain nodes get Guaranteed QoS and are the last pods the kubelet evicts.
import type { ResourcesModel } from '../model/network-model.js';

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
} as const satisfies Record<string, ResourceDefaults>;

export interface ContainerResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export function containerResources(spec: ResourcesModel, defaults: ResourceDefaults): ContainerResources {
  const cpu = spec.cpu ?? defaults.cpu;
  const memory = spec.memory ?? defaults.memory;
  return { requests: { cpu, memory }, limits: { cpu, memory } };
}

export function storageOf(spec: ResourcesModel, defaults: ResourceDefaults): string {
  return spec.storage ?? defaults.storage ?? '1Gi';
}
