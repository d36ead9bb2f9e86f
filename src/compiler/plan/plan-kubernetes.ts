// Per organization: the Kubernetes objects the spec emits, against the manifests last applied (state/k8s/<org>/,
// kept by `netspec apply --k8s`). Files are compared as emitted text, which is deterministic, so any difference is
// a real change. The bundle carries an org's whole folder when anything in it changes: apply prunes by label, so
// it needs the complete desired set, not only the changed objects.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.js';
import { emitManifests, KUSTOMIZATION_FILE, manifestFiles, objectFileName } from '../k8s/index.js';
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
  const emitted = emitManifests(model, { locate });
  if (!emitted.value) return { plans: [], artifacts: new Map(), diagnostics: emitted.diagnostics };
  const artifacts = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const plans = emitted.value.map((manifests): KubernetesPlan => {
    const files = manifestFiles(manifests);
    const liveDir = join(stateDir, 'k8s', manifests.organization);
    const live = new Map(
      (existsSync(liveDir) ? readdirSync(liveDir) : [])
        .filter((name) => name.endsWith('.yaml') && name !== KUSTOMIZATION_FILE)
        .map((name) => [name, readFileSync(join(liveDir, name), 'utf8')]),
    );
    const plan: KubernetesPlan = {
      organization: manifests.organization,
      create: [],
      change: [],
      prune: [],
      unchanged: 0,
    };
    // Emitted objects are named from the objects themselves; only leftover state files need parsing.
    const ids = new Map(
      manifests.objects.map((object) => [objectFileName(object), `${object.kind}/${object.metadata.name}`]),
    );
    const desired = new Set<string>();
    for (const file of files) {
      const name = file.path.split('/').pop()!;
      if (name === KUSTOMIZATION_FILE) continue;
      desired.add(name);
      const before = live.get(name);
      const id = ids.get(name) ?? name;
      if (before === undefined) plan.create.push(id);
      else if (before !== file.text) plan.change.push(id);
      else plan.unchanged++;
    }
    for (const [name, text] of live) if (!desired.has(name)) plan.prune.push(objectId(text, name));
    for (const list of [plan.create, plan.change, plan.prune]) list.sort();
    if (plan.create.length + plan.change.length + plan.prune.length > 0) {
      plan.artifact = `k8s/${manifests.organization}`;
      for (const file of files) artifacts.set(file.path, encoder.encode(file.text));
    }
    return plan;
  });
  return { plans, artifacts, diagnostics: [] };
}

/** `Kind/name` of a manifest, or its file name when it does not parse as an object. */
function objectId(text: string, file: string): string {
  try {
    const object = parse(text) as { kind?: string; metadata?: { name?: string } } | null;
    if (object?.kind && object.metadata?.name) return `${object.kind}/${object.metadata.name}`;
  } catch {
    // a hand-edited state file: name it by its file
  }
  return file;
}
