// Model -> per-organization lists of Kubernetes objects. Pure: no files are written here (see
// write-manifests.ts), and the same model always gives the same objects in the same order.
import type { Diagnostic, DiagnosticCode, SourceRange, StageResult } from '../diagnostics/index.js';
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import type { DataPath } from '../parse/index.js';
import { canonicalObject, inDependencyOrder } from './canonical-order.js';
import { exposureObjects } from './exposure-views.js';
import { caObjects, chaincodeObjects, ordererObjects, peerObjects } from './fabric-views.js';
import type { K8sObject, OrganizationManifests } from './k8s-object.js';
import { disruptionBudgetObjects, namespaceObject, networkPolicyObjects } from './namespace-views.js';
import { organizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { quorumObjects } from './quorum-views.js';
import { type TemplateRenderer, type TemplateSource, templateRenderer } from './render-template.js';
import { resourceQuotaObject } from './resource-quota.js';
import { validateObject } from './validate-object.js';

export interface EmitOptions {
  /**
   * Only these organizations (default: all, in spec order). Either way only organizations with a `kubernetes:`
   * placement (org.kubernetes.managed): the others run their nodes their own way.
   */
  organizations?: readonly string[];
  /** Maps a spec path to its place in network.yaml, so errors point at the value that caused them. */
  locate?: (path: DataPath) => SourceRange;
  /** Template texts (default: templates/k8s/ of the netspec install). */
  templates?: TemplateSource;
}

export function emitManifests(model: NetworkModel, options: EmitOptions = {}): StageResult<OrganizationManifests[]> {
  const renderer = templateRenderer(options.templates);
  const wanted = options.organizations ? new Set(options.organizations) : undefined;
  const diagnostics: Diagnostic[] = [];
  const result: OrganizationManifests[] = [];
  for (const org of model.organizations) {
    if (!org.kubernetes.managed || (wanted && !wanted.has(org.name))) continue;
    const emitted = emitOrganization(model, org, renderer, options.locate);
    diagnostics.push(...emitted.diagnostics);
    if (emitted.value) result.push(emitted.value);
  }
  return { value: diagnostics.length > 0 ? undefined : result, diagnostics };
}

/** One organization's objects, as emitManifests gives them; for a caller that goes organization by organization. */
export function emitOrganizationManifests(
  model: NetworkModel,
  org: OrganizationModel,
  options: Omit<EmitOptions, 'organizations'> = {},
): StageResult<OrganizationManifests> {
  return emitOrganization(model, org, templateRenderer(options.templates), options.locate);
}

function emitOrganization(
  model: NetworkModel,
  org: OrganizationModel,
  renderer: TemplateRenderer,
  locate: EmitOptions['locate'],
): StageResult<OrganizationManifests> {
  const scope = organizationScope(model, org);
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, origin: DataPath, what: string, message: string) =>
    diagnostics.push({
      code,
      severity: 'error',
      message: `organization '${org.name}', ${what}: ${message}`,
      ranges: locate ? [locate(origin)] : [],
    });
  const render = (planned: readonly PlannedObject[]): K8sObject[] =>
    planned.flatMap(({ template, view, origin }) => {
      const rendered = renderer.render(template, view);
      const label = `${template} '${String(view.name ?? '?')}'`;
      if (!rendered.object) {
        report('NS_K8S_TEMPLATE_ERROR', origin, label, rendered.error ?? 'no object');
        return [];
      }
      const object = canonicalObject(rendered.object);
      const problems = validateObject(object);
      for (const problem of problems)
        report('NS_K8S_INVALID_OBJECT', origin, `${object.kind} '${object.metadata.name}'`, problem);
      return problems.length > 0 ? [] : [object];
    });

  const workloads = render([
    ...caObjects(scope),
    ...peerObjects(scope),
    ...ordererObjects(scope),
    ...chaincodeObjects(scope),
    ...quorumObjects(scope),
  ]);
  const quota = resourceQuotaObject(scope, workloads);
  if (quota.problem) report('NS_K8S_INVALID_OBJECT', ['organizations', org.name], 'ResourceQuota', quota.problem);
  const objects = [
    ...render([namespaceObject(scope), ...networkPolicyObjects(scope), ...(quota.planned ? [quota.planned] : [])]),
    ...workloads,
    ...render(exposureObjects(scope)),
    ...render(disruptionBudgetObjects(scope)),
  ];

  const seen = new Set<string>();
  for (const object of objects) {
    const key = `${object.kind}/${object.metadata.name}`;
    if (seen.has(key))
      report(
        'NS_K8S_DUPLICATE_OBJECT',
        ['organizations', org.name],
        `${object.kind} '${object.metadata.name}'`,
        `emitted twice in namespace '${scope.namespace}' (two nodes or chaincodes map to one Kubernetes name)`,
      );
    seen.add(key);
  }
  if (diagnostics.length > 0) return { value: undefined, diagnostics };
  return {
    value: {
      organization: org.name,
      network: model.name,
      namespace: scope.namespace,
      ...(org.kubernetes.context ? { context: org.kubernetes.context } : {}),
      objects: inDependencyOrder(objects),
    },
    diagnostics,
  };
}
