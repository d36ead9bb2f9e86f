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
    api.existing.services = [
      { metadata: { name: 'peer0', namespace: 'supply-distributor' } },
      { metadata: { name: 'peer9', namespace: 'supply-distributor' } },
    ];
    api.existing.deployments = [{ metadata: { name: 'cc-old-chaincode', namespace: 'supply-distributor' } }];
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
    api.existing.configmaps = [{ metadata: { name: 'stale', namespace: 'supply-distributor' } }];
    const { api: client } = connect(manifests.context);
    await applyOrganization(client, manifests, { dryRun: true, onEvent: () => {} });
    const changing = api.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');
    expect(changing.length).toBe(manifests.objects.length + 1);
    for (const request of changing) expect(request.query.dryRun).toBe('All');
  });

  it('refuses a context the kubeconfig does not have', () => {
    expect(() => connect('retailer-ap')).toThrow(/no context 'retailer-ap'.*other-cluster, distributor-eu/);
  });
});
