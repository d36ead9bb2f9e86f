// The rules the API server enforces on an emitted object that a template cannot guarantee, because they depend on
// the spec's values: name formats, non-negative replicas, port ranges. An object that fails here would fail at
// apply time, in another org's cluster, long after review.
// The objects' shape against the Kubernetes OpenAPI schema is the templates' own contract: it does not depend on
// a spec's values (they go in through `{{json}}` into fields of fixed types), so it is checked by the tests, every
// template's output against kubernetes-models (test/compiler/k8s/template-schemas.test.ts), not on every run.
import { EMITTED_KINDS } from './emitted-kinds.js';
import type { K8sObject } from './k8s-object.js';
import { dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, serviceNameProblem } from './names.js';

/** The kinds netspec emits, as `apiVersion/kind`: an object of any other kind would escape apply's prune. */
const EMITTED = new Set(EMITTED_KINDS.map(({ apiVersion, kind }) => `${apiVersion}/${kind}`));

/** Every problem found, as `<field path>: <what is wrong>`; empty when the object is valid. */
export function validateObject(object: K8sObject): string[] {
  if (!EMITTED.has(`${object.apiVersion}/${object.kind}`))
    return [`${object.apiVersion} ${object.kind} is not a kind netspec emits`];
  return [...new Set(apiServerProblems(object))];
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
