import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApplyEvent,
  applyOrganization,
  connect,
  manifestFolderFiles,
  readOrganizationManifests,
} from '../../../src/apply/kubernetes/index.js';
import { emitManifests, manifestFiles, writeManifestFolders } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { type FakeKubeApi, startFakeKubeApi } from './fake-kube-api.js';

const SPEC = new URL('../../../networks/supply-chain/network.yaml', import.meta.url).pathname;
const NAMESPACE = 'supply-distributor';

/** The labels netspec puts on every object it writes for the distributor of supply-chain (written out here). */
const NETSPEC_LABELS = {
  'app.kubernetes.io/managed-by': 'netspec',
  'app.kubernetes.io/part-of': 'supply-chain',
  'netspec.io/organization': 'distributor',
};

/** An object the cluster holds in the distributor's namespace, with the given labels. */
function held(name: string, labels: Record<string, string> = NETSPEC_LABELS) {
  return { metadata: { name, namespace: NAMESPACE, labels } };
}

function writeBundle(): string {
  const model = loadSpec(SPEC).value!.model;
  const emitted = emitManifests(model, { organizations: ['distributor'] }).value!;
  const bundle = mkdtempSync(join(tmpdir(), 'netspec-bundle-'));
  writeManifestFolders(bundle, emitted.flatMap(manifestFiles));
  return bundle;
}

describe('applyOrganization against a local Kubernetes API', () => {
  let api: FakeKubeApi;
  const savedKubeconfig = process.env.KUBECONFIG;
  beforeEach(async () => {
    api = await startFakeKubeApi();
    process.env.KUBECONFIG = api.kubeconfig(['other-cluster', 'distributor-eu']);
  });
  afterEach(async () => {
    process.env.KUBECONFIG = savedKubeconfig;
    await api.close();
  });

  it('server-side applies every object in order with fieldManager netspec and force, then prunes by label', async () => {
    const bundle = writeBundle();
    const manifests = readOrganizationManifests(manifestFolderFiles(bundle), 'distributor');
    expect(manifests.context).toBe('distributor-eu');
    api.existing.services = [held('peer0'), held('peer9')];
    api.existing.deployments = [held('cc-old-chaincode')];
    const { api: client, context } = connect(manifests.context);
    expect(context).toBe('distributor-eu');
    const events: ApplyEvent[] = [];
    const result = await applyOrganization(client, manifests, { dryRun: false, onEvent: (e) => events.push(e) });

    const work = api.requests.filter((r) => !(r.method === 'GET' && !r.query.labelSelector));
    const patches = work.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.path)).toEqual(
      manifests.objects.map((o) => {
        const group = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
        const plural = {
          NetworkPolicy: 'networkpolicies',
          ResourceQuota: 'resourcequotas',
          ConfigMap: 'configmaps',
          Service: 'services',
          StatefulSet: 'statefulsets',
          Deployment: 'deployments',
          PodDisruptionBudget: 'poddisruptionbudgets',
        }[o.kind];
        return o.kind === 'Namespace'
          ? `/api/v1/namespaces/${o.metadata.name}`
          : `${group}/namespaces/supply-distributor/${plural}/${o.metadata.name}`;
      }),
    );
    for (const [index, patch] of patches.entries()) {
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.query).toEqual({ fieldManager: 'netspec', force: 'true' });
      // The body is the reviewed object, unchanged by the client's serializer.
      expect(patch.body).toEqual(manifests.objects[index]);
    }
    const lists = work.filter((r) => r.method === 'GET');
    expect(lists.map((r) => r.path)).toEqual([
      '/apis/gateway.networking.k8s.io/v1alpha2/namespaces/supply-distributor/tlsroutes',
      '/apis/networking.k8s.io/v1/namespaces/supply-distributor/ingresses',
      '/apis/policy/v1/namespaces/supply-distributor/poddisruptionbudgets',
      '/apis/apps/v1/namespaces/supply-distributor/deployments',
      '/apis/apps/v1/namespaces/supply-distributor/statefulsets',
      '/api/v1/namespaces/supply-distributor/services',
      '/api/v1/namespaces/supply-distributor/configmaps',
      '/api/v1/namespaces/supply-distributor/resourcequotas',
      '/apis/networking.k8s.io/v1/namespaces/supply-distributor/networkpolicies',
    ]);
    for (const list of lists)
      expect(list.query).toEqual({
        labelSelector:
          'app.kubernetes.io/managed-by=netspec,app.kubernetes.io/part-of=supply-chain,netspec.io/organization=distributor',
      });
    const deletes = work.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path, r.query])).toEqual([
      ['/apis/apps/v1/namespaces/supply-distributor/deployments/cc-old-chaincode', { propagationPolicy: 'Foreground' }],
      ['/api/v1/namespaces/supply-distributor/services/peer9', { propagationPolicy: 'Foreground' }],
    ]);
    expect(result).toEqual({ applied: manifests.objects.length, pruned: 2 });
    expect(events.at(-1)).toEqual({ event: 'done', applied: manifests.objects.length, pruned: 2, dryRun: false });
  });

  it('--dry-run sends dryRun=All on every apply and delete', async () => {
    const manifests = readOrganizationManifests(manifestFolderFiles(writeBundle()), 'distributor');
    api.existing.configmaps = [held('stale')];
    const { api: client } = connect(manifests.context);
    await applyOrganization(client, manifests, { dryRun: true, onEvent: () => {} });
    const changing = api.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');
    expect(changing.length).toBe(manifests.objects.length + 1);
    for (const request of changing) expect(request.query.dryRun).toBe('All');
  });

  it('prunes the Ingress and TLSRoute of a removed exposure, never a route without all of netspec’s labels', async () => {
    // The distributor exposed its nodes through a gateway before; the spec now chooses none, so the bundle holds
    // no route. Beside netspec's routes the namespace holds routes it did not write, one named like a peer.
    const manifests = readOrganizationManifests(manifestFolderFiles(writeBundle()), 'distributor');
    expect(manifests.objects.filter((o) => o.kind === 'Ingress' || o.kind === 'TLSRoute')).toEqual([]);
    const { 'netspec.io/organization': _, ...withoutOrganization } = NETSPEC_LABELS;
    api.existing.ingresses = [
      held('ca-distributor'),
      held('peer0', { 'app.kubernetes.io/name': 'peer0' }),
      held('peer0-metrics', withoutOrganization),
    ];
    api.existing.tlsroutes = [
      held('peer0'),
      held('orderer0', { ...NETSPEC_LABELS, 'netspec.io/organization': 'operator' }),
      { metadata: { name: 'ca-distributor', namespace: 'other-namespace', labels: NETSPEC_LABELS } },
    ];
    const { api: client } = connect(manifests.context);
    const events: ApplyEvent[] = [];
    const result = await applyOrganization(client, manifests, { dryRun: false, onEvent: (e) => events.push(e) });
    const deletes = api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes).toEqual([
      '/apis/gateway.networking.k8s.io/v1alpha2/namespaces/supply-distributor/tlsroutes/peer0',
      '/apis/networking.k8s.io/v1/namespaces/supply-distributor/ingresses/ca-distributor',
    ]);
    expect(events.filter((e) => e.event === 'pruned')).toEqual([
      { event: 'pruned', kind: 'TLSRoute', name: 'peer0', namespace: NAMESPACE },
      { event: 'pruned', kind: 'Ingress', name: 'ca-distributor', namespace: NAMESPACE },
    ]);
    expect(result.pruned).toBe(2);
    // What the cluster still holds: every route netspec did not write for this organization, in this namespace.
    expect(api.existing.ingresses.map((o) => o.metadata?.name)).toEqual(['peer0', 'peer0-metrics']);
    expect(api.existing.tlsroutes.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)).toEqual([
      'supply-distributor/orderer0',
      'other-namespace/ca-distributor',
    ]);
  });

  it('prunes the other kinds in a cluster without the Gateway API, which can hold no TLSRoute', async () => {
    api.gatewayApi = false;
    const manifests = readOrganizationManifests(manifestFolderFiles(writeBundle()), 'distributor');
    api.existing.ingresses = [held('peer0')];
    const { api: client } = connect(manifests.context);
    const result = await applyOrganization(client, manifests, { dryRun: false, onEvent: () => {} });
    expect(result.pruned).toBe(1);
    // Discovery of the group answered 404: no list of TLSRoutes was asked for, and nothing failed.
    const paths = api.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /apis/gateway.networking.k8s.io/v1alpha2');
    expect(paths.filter((p) => p.includes('/tlsroutes'))).toEqual([]);
    expect(paths).toContain('DELETE /apis/networking.k8s.io/v1/namespaces/supply-distributor/ingresses/peer0');
  });

  it('stops on any other refusal to list, deleting nothing more', async () => {
    const manifests = readOrganizationManifests(manifestFolderFiles(writeBundle()), 'distributor');
    api.existing.tlsroutes = [held('peer0')];
    api.existing.services = [held('peer9')];
    api.failListOf = { resource: 'ingresses', status: 403, message: 'ingresses is forbidden' };
    const { api: client } = connect(manifests.context);
    await expect(applyOrganization(client, manifests, { dryRun: false, onEvent: () => {} })).rejects.toMatchObject({
      code: 403,
    });
    // TLSRoutes are pruned before Ingresses; the Services after them are left as they were.
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/apis/gateway.networking.k8s.io/v1alpha2/namespaces/supply-distributor/tlsroutes/peer0',
    ]);
  });

  it('deletes only objects carrying all of netspec’s labels even when the list ignores the selector', async () => {
    api.ignoreLabelSelector = true;
    const manifests = readOrganizationManifests(manifestFolderFiles(writeBundle()), 'distributor');
    api.existing.ingresses = [held('peer0', {}), held('ca-distributor')];
    const { api: client } = connect(manifests.context);
    await applyOrganization(client, manifests, { dryRun: false, onEvent: () => {} });
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/apis/networking.k8s.io/v1/namespaces/supply-distributor/ingresses/ca-distributor',
    ]);
  });

  it('refuses a context the kubeconfig does not have', () => {
    expect(() => connect('retailer-ap')).toThrow(/no context 'retailer-ap'.*other-cluster, distributor-eu/);
  });
});
