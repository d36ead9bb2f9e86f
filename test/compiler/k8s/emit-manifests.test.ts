import { existsSync } from 'node:fs';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, ResourceQuota, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { positionOf } from '../../../src/compiler/diagnostics/index.js';
import {
  emitManifests,
  fileTemplates,
  KIND_ORDER,
  manifestFiles,
  validateObject,
} from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/index.js';
import { locate } from '../../../src/compiler/parse/index.js';

const NETWORKS = ['supply-chain', 'quickstart', 'bft-example'].filter((name) =>
  existsSync(new URL(`../../../networks/${name}/network.yaml`, import.meta.url)),
);

function load(network: string) {
  const file = new URL(`../../../networks/${network}/network.yaml`, import.meta.url).pathname;
  const loaded = loadSpec(file);
  if (!loaded.value) throw new Error(`${network} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return { ...loaded.value, text: loaded.text ?? '' };
}

const MODELS = {
  Namespace,
  ConfigMap,
  Service,
  ResourceQuota,
  StatefulSet,
  Deployment,
  NetworkPolicy,
  PodDisruptionBudget,
} as const;

describe.each(NETWORKS)('manifests of networks/%s', (network) => {
  const { model } = load(network);
  const emitted = emitManifests(model);
  const manifests = emitted.value ?? [];

  it('emits one folder per organization, without diagnostics', () => {
    expect(emitted.diagnostics).toEqual([]);
    expect(manifests.map((m) => m.organization)).toEqual(model.organizations.map((o) => o.name));
  });

  it('matches the committed snapshot, file by file', async () => {
    for (const file of manifests.flatMap(manifestFiles))
      await expect(file.text).toMatchFileSnapshot(`../../fixtures/k8s/${network}/${file.path}`);
  });

  it('is deterministic: emitting twice gives identical bytes', () => {
    const again = emitManifests(load(network).model).value ?? [];
    expect(again.flatMap(manifestFiles)).toEqual(manifests.flatMap(manifestFiles));
  });

  it('validates objects without touching them (valid or not)', () => {
    const objects = manifests.flatMap((m) => m.objects).slice(0, 12);
    const broken = { ...structuredClone(objects[0]!), spec: { replicas: -1, nested: { list: [1, undefined] } } };
    for (const object of [...objects, broken as never]) {
      const before = structuredClone(object);
      validateObject(object);
      expect(object).toStrictEqual(before);
    }
  });

  it('validates every object against the Kubernetes schemas', () => {
    for (const object of manifests.flatMap((m) => m.objects)) {
      const Model = MODELS[object.kind as keyof typeof MODELS];
      expect(Model, object.kind).toBeDefined();
      expect(() => new Model(structuredClone(object) as never).validate()).not.toThrow();
    }
  });

  it('orders keys (apiVersion, kind, metadata first) and objects (dependency order)', () => {
    for (const org of manifests) {
      const ranks = org.objects.map((o) => KIND_ORDER.indexOf(o.kind as (typeof KIND_ORDER)[number]));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(org.objects[0]?.kind).toBe('Namespace');
      for (const object of org.objects) {
        const keys = Object.keys(object);
        expect(keys.slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
        expect(keys.slice(3)).toEqual([...keys.slice(3)].sort());
      }
    }
  });

  it('labels every object as managed by netspec, part of the network, owned by its org', () => {
    for (const org of manifests)
      for (const object of org.objects) {
        expect(object.metadata.labels).toMatchObject({
          'app.kubernetes.io/managed-by': 'netspec',
          'app.kubernetes.io/part-of': model.name,
          'netspec.io/organization': org.organization,
        });
        if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe(org.namespace);
      }
  });

  it('embeds no key material', () => {
    for (const file of manifests.flatMap(manifestFiles)) {
      expect(file.text).not.toMatch(/PRIVATE KEY|BEGIN /);
      expect(file.text).not.toMatch(/MII[A-Za-z0-9+/]{20}/);
    }
  });

  it("holds nothing of another organization's (namespace, MSP id, org label)", () => {
    for (const org of manifests) {
      const text = manifestFiles(org)
        .map((f) => f.text)
        .join('\n');
      for (const other of model.organizations.filter((o) => o.name !== org.organization)) {
        expect(text).not.toContain(other.mspId);
        expect(text).not.toContain(`namespace: ${other.kubernetes.namespace}\n`);
        expect(text).not.toContain(`netspec.io/organization: ${other.name}\n`);
        for (const node of [...other.peers, ...other.orderers]) expect(text).not.toContain(`${node.host}:${node.port}`);
      }
    }
  });
});

describe('manifests of the supply-chain example, in detail', () => {
  const { model } = load('supply-chain');
  const byOrg = new Map((emitManifests(model).value ?? []).map((m) => [m.organization, m]));
  const find = (org: string, kind: string, name: string) =>
    // biome-ignore lint/suspicious/noExplicitAny: the test walks arbitrary Kubernetes object shapes
    byOrg.get(org)?.objects.find((o) => o.kind === kind && o.metadata.name === name) as Record<string, any>;

  it('runs CouchDB as a sidecar only for the peers that pick it', () => {
    const containers = (org: string, name: string) =>
      find(org, 'StatefulSet', name).spec.template.spec.containers.map((c: { name: string }) => c.name);
    expect(containers('manufacturer', 'peer0')).toEqual(['peer', 'couchdb']);
    expect(containers('distributor', 'peer0')).toEqual(['peer']);
  });

  it('runs a chaincode server for each chaincode on a channel the org is a member of', () => {
    const servers = (org: string) =>
      byOrg
        .get(org)
        ?.objects.filter((o) => o.kind === 'Deployment')
        .map((o) => o.metadata.name);
    expect(servers('manufacturer')).toEqual([
      'cc-production-product-registry',
      'cc-production-quality-cert',
      'cc-distribution-shipment-tracking',
    ]);
    expect(servers('retailer')).toEqual(['cc-distribution-shipment-tracking']);
    expect(servers('operator')).toEqual([]);
    expect(find('retailer', 'Deployment', 'cc-distribution-shipment-tracking').spec.replicas).toBe(2);
    const connection = JSON.parse(
      find('retailer', 'ConfigMap', 'cc-distribution-shipment-tracking').data['connection.json'],
    );
    expect(connection).toEqual({
      address: 'cc-distribution-shipment-tracking.supply-retailer.svc.cluster.local:9999',
      dial_timeout: '10s',
      tls_required: false,
    });
  });

  it('probes the operations endpoint and takes resources and ports from the spec', () => {
    const orderer = find('operator', 'StatefulSet', 'orderer0').spec.template.spec.containers[0];
    expect(orderer.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'operations', scheme: 'HTTPS' });
    expect(orderer.ports).toEqual([
      { containerPort: 7050, name: 'orderer' },
      { containerPort: 7053, name: 'admin' },
      { containerPort: 8443, name: 'operations' },
    ]);
  });

  it('sizes the quota from the workloads it emits', () => {
    // retailer: CA (100m, 256Mi, 1Gi) + peer0 (500m, 1Gi, 20Gi) + shipment-tracking x2 (250m, 512Mi),
    // CPU and memory doubled for rolling updates: 2 x 1100m, 2 x 2304Mi.
    expect(find('retailer', 'ResourceQuota', 'retailer-quota').spec.hard).toEqual({
      'limits.cpu': '2200m',
      'limits.memory': '4608Mi',
      persistentvolumeclaims: '2',
      pods: '8',
      'requests.cpu': '2200m',
      'requests.memory': '4608Mi',
      'requests.storage': '21Gi',
    });
  });

  it('keeps a drain from taking two consenters at once', () => {
    expect(find('operator', 'PodDisruptionBudget', 'orderers').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/component': 'orderer' } },
    });
  });
});

describe('invalid objects', () => {
  function withModel(change: (model: NetworkModel) => void) {
    const loaded = load('supply-chain');
    change(loaded.model);
    return { ...loaded, result: emitManifests(loaded.model, { locate: (path) => locate(loaded.parsed, path) }) };
  }

  it('rejects a namespace that is not a DNS-1123 label, naming org and object', () => {
    const { result } = withModel((model) => {
      model.organizations[3]!.kubernetes.namespace = 'Retail_NS';
    });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.every((d) => d.code === 'NS_K8S_INVALID_OBJECT' && d.severity === 'error')).toBe(true);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      "organization 'retailer', Namespace 'Retail_NS': metadata.name: 'Retail_NS' is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
    );
  });

  it('rejects negative replicas and points at the chaincode server in network.yaml', () => {
    const { result, text } = withModel((model) => {
      model.chaincodes[2]!.server!.replicas = -1;
    });
    expect(result.value).toBeUndefined();
    const diagnostic = result.diagnostics.find((d) => d.message.includes('spec.replicas'));
    expect(diagnostic?.message).toBe(
      "organization 'manufacturer', Deployment 'cc-distribution-shipment-tracking': spec.replicas: -1 is negative",
    );
    const at = positionOf(text, diagnostic!.ranges[0]!.start);
    expect(text.split('\n')[at.line - 1]).toMatch(/^\s+image: ghcr\.io\/supply-chain\/shipment-tracking:2\.0/);
  });

  it('rejects a port out of range', () => {
    const { result } = withModel((model) => {
      model.organizations[2]!.peers[0]!.port = 70000;
    });
    expect(result.diagnostics.map((d) => d.message)).toContain(
      "organization 'distributor', Service 'peer0': spec.ports[0].port: 70000 is not a port number (1-65535)",
    );
  });

  it('rejects two chaincodes that map to one Kubernetes name', () => {
    const { result } = withModel((model) => {
      const copy = structuredClone(model.chaincodes[0]!);
      copy.name = 'product_registry';
      model.chaincodes.push(copy);
    });
    expect(result.diagnostics.map((d) => d.code)).toContain('NS_K8S_DUPLICATE_OBJECT');
  });

  it('reports a broken template as a template error, not a crash', () => {
    const { model } = load('supply-chain');
    const broken = (name: string) =>
      name === 'service' ? fileTemplates(name).replace('{{json name}}', '{{json nosuchfield}}') : fileTemplates(name);
    const result = emitManifests(model, { templates: broken, organizations: ['retailer'] });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'NS_K8S_TEMPLATE_ERROR' });
    expect(result.diagnostics[0]?.message).toMatch(
      /^organization 'retailer', service 'ca-retailer': template 'service' failed: \{\{json\}\} of an undefined value \(template line 4\)/,
    );
  });

  it('reports a template that renders invalid YAML', () => {
    const { model } = load('supply-chain');
    const broken = (name: string) => (name === 'namespace' ? `${fileTemplates(name)}  : [\n` : fileTemplates(name));
    const result = emitManifests(model, { templates: broken, organizations: ['retailer'] });
    expect(result.diagnostics[0]?.message).toMatch(/template 'namespace' renders invalid YAML/);
  });

  it('refuses an object of a kind netspec does not list as emitted: apply --k8s would never prune it', () => {
    const { model } = load('supply-chain');
    const elsewhere = (name: string) =>
      name === 'config-map'
        ? fileTemplates(name).replace('apiVersion: v1\nkind: ConfigMap', 'apiVersion: v1\nkind: Secret')
        : fileTemplates(name);
    const result = emitManifests(model, { templates: elsewhere, organizations: ['retailer'] });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'NS_K8S_INVALID_OBJECT' });
    expect(result.diagnostics[0]?.message).toContain('v1 Secret is not a kind netspec emits');
  });
});
