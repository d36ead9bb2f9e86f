// `netspec apply <bundle> --k8s [--org <org>] [--dry-run]`: one org's k8s/<org>/ folder from the bundle,
// server-side applied to that org's cluster, then kept as the state's k8s/<org>/ (the manifests last applied).
// Each org applies only its own folder. A plan bundle is verified first and its checked bytes are applied; a
// folder `netspec manifests` wrote (no plan.json) is applied as it is and records nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_PLAN_FILE } from '../../bundle/index.js';
import { didYouMean } from '../../compiler/diagnostics/index.js';
import type { K8sObject } from '../../compiler/k8s/index.js';
import type { VerifiedBundle } from '../../governance/index.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { UserError } from '../output.js';
import type { ApplyOptions } from './_apply-options.js';
import { verifiedForApply } from './verified-bundle.js';

export async function runApply(bundle: string, options: ApplyOptions): Promise<number> {
  const kubernetes = await import('../../apply/kubernetes/index.js');
  let files: import('../../apply/kubernetes/index.js').ManifestFiles;
  let verified: VerifiedBundle | undefined;
  if (existsSync(join(bundle, BUNDLE_PLAN_FILE))) {
    verified = await verifiedForApply(bundle, options, 'nothing was applied');
    if (!verified) return EXIT_ERROR;
    files = verified.bundle.files;
  } else files = kubernetes.manifestFolderFiles(bundle);
  const available = kubernetes.bundleOrganizations(files);
  const organization = options.org ?? (available.length === 1 ? available[0] : undefined);
  if (!organization)
    throw new UserError(
      available.length === 0
        ? `${bundle} holds no k8s/<org>/ folder`
        : `choose the organization with --org (the bundle holds ${available.join(', ')})`,
    );
  if (!available.includes(organization))
    throw new UserError(`${bundle} holds no k8s/${organization}/ folder${didYouMean(organization, available)}`);
  const onEvent = kubernetes.progressReporter(process.stdout, organization);
  let applied: readonly K8sObject[];
  try {
    const manifests = kubernetes.readOrganizationManifests(files, organization, bundle);
    const { api } = kubernetes.connect(manifests.context);
    await kubernetes.applyOrganization(api, manifests, { dryRun: Boolean(options.dryRun), onEvent });
    applied = manifests.objects;
  } catch (error) {
    if (error instanceof kubernetes.BundleError) throw new UserError(error.message);
    // An API error (forbidden, conflict, unreachable): one clear finding, the apply stops where it was. With an
    // HTTP status the API server answered and refused; without one it did not answer at all.
    const status = (error as { code?: unknown }).code;
    const body = (error as { body?: unknown }).body;
    const detail =
      typeof body === 'string' ? (safeMessage(body) ?? body.slice(0, 300)) : String((error as Error).message ?? error);
    const answered = typeof status === 'number';
    throw new UserError(`Kubernetes API error${answered ? ` ${status}` : ''}: ${detail}`, {
      code: answered ? 'NS_K8S_API_REFUSED' : 'NS_APPLY_UNREACHABLE',
      ...(status === 401 || status === 403 ? { hint: ACCESS_HINT } : {}),
      ...(answered ? {} : { hint: UNREACHABLE_HINT }),
    });
  }
  if (options.dryRun || !verified) return EXIT_OK;
  // What the cluster now runs is what the next plan compares against: the manifests, and the transitions of a
  // Quorum genesis these manifests rolled out (record-transitions.ts says why this apply is the one to record them).
  const recorded = kubernetes.recordAppliedManifests(files, organization, verified.stateDir);
  if (recorded) onEvent({ event: 'recorded', folder: recorded });
  const { recordRolledOutTransitions } = await import('../../apply/quorum/record-transitions.js');
  const transitions = recordRolledOutTransitions(verified, applied);
  for (const record of transitions.records)
    if (record.outcome === 'recorded')
      onEvent({ event: 'recorded-transitions', network: record.network, file: record.file });
  const [first] = transitions.problems;
  if (first)
    throw new UserError(`${organization}'s manifests were applied, but ${first.message}`, {
      code: first.code,
      path: first.file,
      hint: first.hint,
    });
  return EXIT_OK;
}

const ACCESS_HINT =
  "the kube context's user may not change these objects: give it RBAC rights to apply (patch) them in the organization's namespace, or use a context that has them";
const UNREACHABLE_HINT =
  "check that the API server of the kube context (the spec's kubernetes.context, else KUBECONFIG's current one) is up and reachable from here";

function safeMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}
