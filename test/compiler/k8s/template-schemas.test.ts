// Every template's output against the Kubernetes OpenAPI schemas (kubernetes-models). This is the templates'
// contract, checked here rather than on every plan: a spec's values only fill fields of fixed types, while the
// rules that do depend on values (names, ports, replicas) run with every emit (validate-object.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TLSRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TLSRoute';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, ResourceQuota, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { EMITTED_KINDS, emitManifests, fileTemplates, type K8sObject } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const MODELS = {
  Namespace,
  ConfigMap,
  Service,
  ResourceQuota,
  StatefulSet,
  Deployment,
  NetworkPolicy,
  PodDisruptionBudget,
  Ingress,
  TLSRoute,
} as const;

function model(network: string, change: (model: NetworkModel) => void = () => {}): NetworkModel {
  const loaded = loadSpec(join(repoRoot, 'networks', network, 'network.yaml'));
  if (!loaded.value) throw new Error(`${network} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  change(loaded.value.model);
  return loaded.value.model;
}

const privateQuorum = (client: 'besu' | 'goquorum') => (m: NetworkModel) => {
  for (const network of m.quorum) {
    network.client = client;
    network.privacy = true;
  }
};

const CASES: [string, NetworkModel][] = [
  ['supply-chain', model('supply-chain')],
  ['quickstart', model('quickstart')],
  ['bft-example', model('bft-example')],
  // Gateway API TLSRoutes, ingress-nginx passthrough Ingresses and LoadBalancer Services.
  ['three-regions', model('three-regions')],
  ['quickstart, Besu with Tessera', model('quickstart', privateQuorum('besu'))],
  ['quickstart, GoQuorum with Tessera', model('quickstart', privateQuorum('goquorum'))],
];

const rendered = new Set<string>();

describe.each(CASES)('the manifests of %s', (_name, network) => {
  const emitted = emitManifests(network, {
    templates: (template) => {
      rendered.add(template);
      return fileTemplates(template);
    },
  });

  it('are emitted', () => {
    expect(emitted.diagnostics).toEqual([]);
  });

  it('validate against the Kubernetes schemas, object by object', () => {
    const objects: K8sObject[] = (emitted.value ?? []).flatMap((org) => org.objects);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const Model = MODELS[object.kind as keyof typeof MODELS];
      expect(Model, object.kind).toBeDefined();
      expect(
        () => new Model(structuredClone(object) as never).validate(),
        `${object.kind}/${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('hold only kinds netspec lists as emitted, at that API version: the kinds apply --k8s prunes', () => {
    const listed = new Set(EMITTED_KINDS.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`));
    for (const object of (emitted.value ?? []).flatMap((org) => org.objects))
      expect(listed, `${object.kind}/${object.metadata.name}`).toContain(`${object.apiVersion} ${object.kind}`);
  });
});

describe('the cases above', () => {
  it('render every template in templates/k8s/', () => {
    const templates = readdirSync(join(repoRoot, 'templates/k8s'))
      .filter((file) => file.endsWith('.yaml.hbs'))
      .map((file) => file.slice(0, -'.yaml.hbs'.length));
    expect([...rendered].sort()).toEqual(templates.sort());
  });
});
