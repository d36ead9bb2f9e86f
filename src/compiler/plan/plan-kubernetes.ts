// Per organization: the Kubernetes objects the spec emits, against the manifests last applied (state/k8s/<org>/).
// Objects are compared as emitted text, which is deterministic, so any difference is a real change. The bundle
// carries an org's whole folder when anything in it changes: apply prunes by label, so it needs the complete
// desired set, not only the changed objects.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yamlPackage } from '../../yaml-package.js';
import type { Diagnostic } from '../diagnostics/index.js';
import {
  emitOrganizationManifests,
  KUSTOMIZATION_FILE,
  manifestFilesOf,
  type OrganizationManifests,
  splitDocuments,
  toYaml,
} from '../k8s/index.js';
import type { NetworkModel } from '../model/network-model.js';
import type { DataPath } from '../parse/index.js';
import type { KubernetesPlan } from './plan.js';

export interface KubernetesPlanResult {
  plans: KubernetesPlan[];
  artifacts: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
}

export function planKubernetes(
  model: NetworkModel,
  stateDir: string,
  locate: (path: DataPath) => Diagnostic['ranges'][number],
): KubernetesPlanResult {
  const plans: KubernetesPlan[] = [];
  const artifacts = new Map<string, Uint8Array>();
  const diagnostics: Diagnostic[] = [];
  // Only the orgs whose nodes netspec's manifests run: another org's folder is neither emitted nor compared, so a
  // network run some other way plans nothing here.
  for (const org of model.organizations) {
    if (!org.kubernetes.managed) continue;
    const emitted = emitOrganizationManifests(model, org, { locate });
    diagnostics.push(...emitted.diagnostics);
    const manifests = emitted.value;
    if (!manifests || diagnostics.length > 0) continue;
    const planned = planOrganization(manifests, stateDir);
    plans.push(planned.plan);
    for (const [path, bytes] of planned.files) artifacts.set(path, bytes);
  }
  if (diagnostics.length > 0) return { plans: [], artifacts: new Map(), diagnostics };
  return { plans, artifacts, diagnostics };
}

function planOrganization(
  manifests: OrganizationManifests,
  stateDir: string,
): { plan: KubernetesPlan; files: Map<string, Uint8Array> } {
  const documents = manifests.objects.map(toYaml);
  const desired = new Map(
    manifests.objects.map((object, index) => [`${object.kind}/${object.metadata.name}`, documents[index]!]),
  );
  const live = lastApplied(join(stateDir, 'k8s', manifests.organization), desired);
  const plan: KubernetesPlan = {
    organization: manifests.organization,
    create: [],
    change: [],
    prune: [],
    unchanged: 0,
  };
  for (const [id, text] of desired) {
    const before = live.get(id);
    if (before === undefined) plan.create.push(id);
    else if (before !== text) plan.change.push(id);
    else plan.unchanged++;
  }
  for (const id of live.keys()) if (!desired.has(id)) plan.prune.push(id);
  for (const list of [plan.create, plan.change, plan.prune]) list.sort();
  const files = new Map<string, Uint8Array>();
  if (plan.create.length + plan.change.length + plan.prune.length > 0) {
    plan.artifact = `k8s/${manifests.organization}`;
    const encoder = new TextEncoder();
    for (const file of manifestFilesOf(manifests, documents)) files.set(file.path, encoder.encode(file.text));
  }
  return { plan, files };
}

/**
 * The objects last applied, `Kind/name` -> document text, from every YAML file of the org's state folder
 * (manifest.yaml, or a file per object as earlier versions wrote them). A document identical to one emitted
 * is known by that; only the others are parsed for their name.
 */
function lastApplied(folder: string, desired: ReadonlyMap<string, string>): Map<string, string> {
  const live = new Map<string, string>();
  if (!existsSync(folder)) return live;
  const idByText = new Map([...desired].map(([id, text]) => [text, id]));
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.yaml') || file === KUSTOMIZATION_FILE) continue;
    const documents = splitDocuments(readFileSync(join(folder, file), 'utf8'));
    documents.forEach((text, index) => {
      const name = documents.length > 1 ? `${file}#${index + 1}` : file;
      live.set(idByText.get(text) ?? objectId(text, name), text);
    });
  }
  return live;
}

/** `Kind/name` of a manifest, or where it stands when it does not parse as an object. */
function objectId(text: string, where: string): string {
  try {
    const object = yamlPackage().parse(text) as { kind?: string; metadata?: { name?: string } } | null;
    if (object?.kind && object.metadata?.name) return `${object.kind}/${object.metadata.name}`;
  } catch {
    // a hand-edited state file: name it by its place
  }
  return where;
}
