// Offline validation of one emitted object: the Kubernetes OpenAPI schema (kubernetes-models), plus the rules
// the API server enforces that the schema does not carry (name formats, non-negative replicas, port ranges).
// An object that fails here would fail at apply time, in another org's cluster, long after review.
import { createRequire } from 'node:module';
import type * as AppsV1 from 'kubernetes-models/apps/v1';
import type * as NetworkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import type * as PolicyV1 from 'kubernetes-models/policy/v1';
import type * as CoreV1 from 'kubernetes-models/v1';
import type { K8sObject } from './k8s-object.js';
import { dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, serviceNameProblem } from './names.js';

interface Validatable {
  validate(): void;
}

type Models = Record<string, (data: never) => Validatable>;
let models: Models | undefined;

// The models are some 600 files that take a quarter of a second to load: loaded when first needed, so a plan
// that emits its manifests in a worker thread never loads them on the main one.
function loadModels(): Models {
  const requireModels = createRequire(import.meta.url);
  return modelsFrom(
    requireModels('kubernetes-models/v1') as typeof CoreV1,
    requireModels('kubernetes-models/apps/v1') as typeof AppsV1,
    requireModels('kubernetes-models/networking.k8s.io/v1') as typeof NetworkingV1,
    requireModels('kubernetes-models/policy/v1') as typeof PolicyV1,
  );
}

/**
 * Loads the models ahead of validation, by import: the CLI bundle carries them as one file, which loads in half
 * the time of the package's 600. Callers that emit many objects (plan, manifests) await this first.
 */
export async function preloadKubernetesModels(): Promise<void> {
  if (models) return;
  const [core, apps, networking, policy] = await Promise.all([
    import('kubernetes-models/v1'),
    import('kubernetes-models/apps/v1'),
    import('kubernetes-models/networking.k8s.io/v1'),
    import('kubernetes-models/policy/v1'),
  ]);
  models ??= modelsFrom(core, apps, networking, policy);
}

function modelsFrom(
  core: typeof CoreV1,
  apps: typeof AppsV1,
  networking: typeof NetworkingV1,
  policy: typeof PolicyV1,
): Models {
  return {
    'v1/Namespace': (data) => new core.Namespace(data),
    'v1/ConfigMap': (data) => new core.ConfigMap(data),
    'v1/Service': (data) => new core.Service(data),
    'v1/ResourceQuota': (data) => new core.ResourceQuota(data),
    'apps/v1/StatefulSet': (data) => new apps.StatefulSet(data),
    'apps/v1/Deployment': (data) => new apps.Deployment(data),
    'networking.k8s.io/v1/NetworkPolicy': (data) => new networking.NetworkPolicy(data),
    'policy/v1/PodDisruptionBudget': (data) => new policy.PodDisruptionBudget(data),
  };
}

/** Every problem found, as `<field path>: <what is wrong>`; empty when the object is valid. */
export function validateObject(object: K8sObject): string[] {
  models ??= loadModels();
  const model = models[`${object.apiVersion}/${object.kind}`];
  if (!model) return [`${object.apiVersion} ${object.kind} is not a kind netspec emits`];
  const problems = [...schemaProblems(model, object), ...apiServerProblems(object)];
  return [...new Set(problems)];
}

function schemaProblems(model: (data: never) => Validatable, object: K8sObject): string[] {
  try {
    // A model deep-copies its input (dropping undefined values), so validation never touches the emitted value.
    model(object as never).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath?: string; message?: string; keyword?: string }[] }).errors;
    if (!Array.isArray(errors)) return [error instanceof Error ? error.message : String(error)];
    // A oneOf failure repeats each alternative's complaint; the alternatives are noise for the reader.
    const useful = errors.filter((e) => e.keyword !== 'oneOf');
    return (useful.length > 0 ? useful : errors).map(
      (e) => `${fieldPath(e.instancePath ?? '')}: ${e.message ?? 'invalid'}`,
    );
  }
}

function apiServerProblems(object: K8sObject): string[] {
  const problems: string[] = [];
  const add = (path: string, problem: string | undefined) => {
    if (problem) problems.push(`${path}: ${problem}`);
  };
  const { name, namespace, labels } = object.metadata;
  add(
    'metadata.name',
    object.kind === 'Namespace'
      ? dnsLabelProblem(name)
      : object.kind === 'Service'
        ? serviceNameProblem(name)
        : dnsSubdomainProblem(name),
  );
  if (object.kind === 'StatefulSet' || object.kind === 'Deployment') {
    // The pod name (StatefulSet) and the revision hash suffix leave 63 - 11 characters for the name.
    if (name.length > 52) add('metadata.name', `'${name}' is longer than 52 characters (pod names would exceed 63)`);
  }
  if (namespace !== undefined) add('metadata.namespace', dnsLabelProblem(namespace));
  for (const [key, value] of Object.entries(labels ?? {})) add(`metadata.labels.${key}`, labelValueProblem(value));
  walk(object, '', (path, key, value) => {
    if (key === 'replicas' && typeof value === 'number' && value < 0) add(path, `${value} is negative`);
    if ((key === 'containerPort' || key === 'port') && typeof value === 'number' && (value < 1 || value > 65535))
      add(path, `${value} is not a port number (1-65535)`);
    if (key === 'containers' && Array.isArray(value))
      value.forEach((container, index) => {
        const containerName = (container as { name?: unknown }).name;
        if (typeof containerName === 'string') add(`${path}[${index}].name`, dnsLabelProblem(containerName));
      });
  });
  return problems;
}

function walk(value: unknown, path: string, visit: (path: string, key: string, value: unknown) => void): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, visit);
  } else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      visit(childPath, key, child);
      walk(child, childPath, visit);
    }
}

/** `/spec/template/spec/containers/0/image` -> `spec.template.spec.containers[0].image`. */
function fieldPath(pointer: string): string {
  return (
    pointer
      .split('/')
      .slice(1)
      .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
      .join('')
      .replace(/^\./, '') || '(object)'
  );
}
