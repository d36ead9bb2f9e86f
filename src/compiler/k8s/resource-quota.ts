// The org's ResourceQuota, computed from the workloads actually emitted (so it can never disagree with them).
// CPU, memory and pods get twice the steady state: a Deployment's rolling update runs old and new pods side by
// side, and a quota that blocks a rollout is worse than none. Storage and volume claims get exactly what the
// workloads claim: they only grow through a reviewed spec change.
import type { K8sObject } from './k8s-object.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { formatBytes, formatMillicores, parseBytes, parseMillicores } from './quantities.js';

interface PodSpecLike {
  containers?: { resources?: { requests?: Record<string, string> } }[];
  initContainers?: unknown[];
}
interface WorkloadSpec {
  replicas?: number;
  template?: { spec?: PodSpecLike };
  volumeClaimTemplates?: { spec?: { resources?: { requests?: { storage?: string } } } }[];
}

export function resourceQuotaObject(
  scope: OrganizationScope,
  workloads: readonly K8sObject[],
): { planned?: PlannedObject; problem?: string } {
  let cpu = 0n;
  let memory = 0n;
  let storage = 0n;
  let pods = 0;
  let claims = 0;
  for (const workload of workloads) {
    if (workload.kind !== 'StatefulSet' && workload.kind !== 'Deployment') continue;
    const spec = (workload.spec ?? {}) as WorkloadSpec;
    const replicas = Math.max(0, spec.replicas ?? 1);
    pods += replicas;
    for (const container of spec.template?.spec?.containers ?? []) {
      const requests = container.resources?.requests ?? {};
      const containerCpu = requests.cpu === undefined ? 0n : parseMillicores(requests.cpu);
      const containerMemory = requests.memory === undefined ? 0n : parseBytes(requests.memory);
      if (containerCpu === undefined || containerMemory === undefined)
        return { problem: `${workload.kind} '${workload.metadata.name}' requests a quantity netspec cannot add up` };
      cpu += containerCpu * BigInt(replicas);
      memory += containerMemory * BigInt(replicas);
    }
    for (const claim of spec.volumeClaimTemplates ?? []) {
      const size = parseBytes(claim.spec?.resources?.requests?.storage ?? '0');
      if (size === undefined)
        return { problem: `${workload.kind} '${workload.metadata.name}' claims a storage size netspec cannot add up` };
      storage += size * BigInt(replicas);
      claims += replicas;
    }
  }
  const hard: Record<string, string> = {
    'limits.cpu': formatMillicores(cpu * 2n),
    'limits.memory': formatBytes(memory * 2n),
    persistentvolumeclaims: String(claims),
    pods: String(pods * 2),
    'requests.cpu': formatMillicores(cpu * 2n),
    'requests.memory': formatBytes(memory * 2n),
    'requests.storage': formatBytes(storage),
  };
  return {
    planned: {
      template: 'resource-quota',
      origin: ['organizations', scope.org.name],
      view: { ...scope.meta(`${scope.org.name}-quota`, 'quota'), hard },
    },
  };
}
