// The objects each exposure mode adds: LoadBalancer Services, Gateway API TLSRoutes and ingress-nginx passthrough
// Ingresses. Each must be a valid Kubernetes object (kubernetes-models, @kubernetes-models/gateway-api), route the
// node's address host, and reach, through a Service of its namespace, a port a container of the node exposes.
import { createECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TLSRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TLSRoute';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { emitManifests, type K8sObject } from '../../../src/compiler/k8s/index.js';
import type { NetworkSpec } from '../../../src/compiler/model/index.js';
import { normalize } from '../../../src/compiler/model/index.js';
import { parseYaml } from '../../../src/compiler/parse/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const specFile = join(repoRoot, 'networks/supply-chain/network.yaml');
const publicKey = (seed: number) => {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.alloc(32, seed));
  return ecdh.getPublicKey('hex', 'uncompressed').slice(2);
};

function exposedSpec(): NetworkSpec {
  const spec = parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec;
  const { operator, manufacturer, distributor, retailer } = spec.organizations;
  operator!.kubernetes = {
    ...operator!.kubernetes,
    exposure: { mode: 'gateway', gateway: { name: 'edge', namespace: 'gateways', sectionName: 'fabric' } },
  };
  manufacturer!.kubernetes = {
    ...manufacturer!.kubernetes,
    exposure: {
      mode: 'loadBalancer',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' },
      loadBalancerClass: 'service.k8s.aws/nlb',
    },
  };
  distributor!.kubernetes = { ...distributor!.kubernetes, exposure: { mode: 'gateway', ingressNginx: {} } };
  retailer!.kubernetes = { ...retailer!.kubernetes, exposure: { mode: 'cluster' } };
  spec.quorum = {
    payments: {
      chainId: 1337,
      privacy: true,
      validators: ['manufacturer', 'distributor', 'operator', 'retailer'].map((organization, index) => ({
        name: `validator${index}`,
        organization,
        publicKey: publicKey(index + 1),
      })),
    },
  };
  return spec;
}

const model = normalize(exposedSpec(), dirname(specFile));
const emitted = emitManifests(model);
const objectsOf = (org: string) => emitted.value?.find((m) => m.organization === org)?.objects ?? [];
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
type Json = Record<string, any>;
const loadBalancers = (objects: K8sObject[]) =>
  ofKind(objects, 'Service').filter((o) => (o as Json).spec.type === 'LoadBalancer') as Json[];

/** The container port a Service port reaches: the Service's selector picks a StatefulSet's pods, which expose it. */
function containerPortBehind(objects: K8sObject[], serviceName: string, servicePort: number): number | undefined {
  const service = ofKind(objects, 'Service').find((o) => o.metadata.name === serviceName) as Json | undefined;
  if (!service) return undefined;
  const port = (service.spec.ports as Json[]).find((p) => p.port === servicePort);
  if (!port) return undefined;
  const selector = service.spec.selector as Record<string, string>;
  for (const set of ofKind(objects, 'StatefulSet') as Json[]) {
    const labels = set.spec.template.metadata.labels as Record<string, string>;
    if (!Object.entries(selector).every(([key, value]) => labels[key] === value)) continue;
    const ports = (set.spec.template.spec.containers as Json[]).flatMap((c) => (c.ports ?? []) as Json[]);
    const found = ports.find((p) => p.containerPort === port.targetPort && (p.protocol ?? 'TCP') === 'TCP');
    if (found) return found.containerPort;
  }
  return undefined;
}

describe('exposure objects', () => {
  it('are emitted without diagnostics', () => {
    expect(emitted.diagnostics).toEqual([]);
  });

  it('gateway (Gateway API): a TLSRoute per Fabric node on its address host, and LoadBalancers for devp2p and Tessera', () => {
    const objects = objectsOf('operator');
    const routes = ofKind(objects, 'TLSRoute') as Json[];
    expect(routes.map((r) => [r.metadata.name, r.spec.hostnames, r.spec.rules[0].backendRefs[0]])).toEqual([
      ['ca-operator', ['ca.operator.supply.example.com'], { name: 'ca-operator', port: 7054 }],
      ['orderer0', ['orderer0.operator.supply.example.com'], { name: 'orderer0', port: 7050 }],
      ['orderer1', ['orderer1.operator.supply.example.com'], { name: 'orderer1', port: 7050 }],
      ['orderer2', ['orderer2.operator.supply.example.com'], { name: 'orderer2', port: 7050 }],
    ]);
    expect(routes[0]!.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'edge',
        namespace: 'gateways',
        sectionName: 'fabric',
      },
    ]);
    expect(loadBalancers(objects).map((s) => [s.metadata.name, s.spec.ports])).toEqual([
      ['payments-validator2-external', [{ name: 'p2p', port: 30303, protocol: 'TCP', targetPort: 30303 }]],
      ['payments-validator2-tessera-external', [{ name: 'p2p', port: 9000, protocol: 'TCP', targetPort: 9000 }]],
    ]);
    for (const route of routes) new TLSRoute(structuredClone(route) as never).validate();
  });

  it('gateway (ingress-nginx): an ssl-passthrough Ingress per Fabric node', () => {
    const ingresses = ofKind(objectsOf('distributor'), 'Ingress') as Json[];
    expect(ingresses.map((i) => i.metadata.name)).toEqual(['ca-distributor', 'peer0']);
    expect(ingresses[1]).toMatchObject({
      metadata: { annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' } },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'peer0.distributor.supply.example.com',
            http: { paths: [{ path: '/', backend: { service: { name: 'peer0', port: { number: 7051 } } } }] },
          },
        ],
      },
    });
    for (const ingress of ingresses) new Ingress(structuredClone(ingress) as never).validate();
  });

  it('loadBalancer: a -external Service per node serving only its address port, with the spec annotations and class', () => {
    const services = loadBalancers(objectsOf('manufacturer'));
    expect(services.map((s) => [s.metadata.name, s.spec.ports.map((p: Json) => p.port)])).toEqual([
      ['ca-manufacturer-external', [7054]],
      ['peer0-external', [7051]],
      ['peer1-external', [7051]],
      ['payments-validator0-external', [30303]],
      ['payments-validator0-tessera-external', [9000]],
    ]);
    expect(services[1]).toMatchObject({
      metadata: {
        annotations: {
          'external-dns.alpha.kubernetes.io/hostname': 'peer0.manufacturer.supply.example.com',
          'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        },
      },
      spec: { loadBalancerClass: 'service.k8s.aws/nlb', selector: { 'app.kubernetes.io/name': 'peer0' } },
    });
    for (const service of services) new Service(structuredClone(service) as never).validate();
  });

  it('cluster: nothing beyond the ClusterIP Services', () => {
    const objects = objectsOf('retailer');
    expect(loadBalancers(objects)).toEqual([]);
    expect([...ofKind(objects, 'TLSRoute'), ...ofKind(objects, 'Ingress')]).toEqual([]);
  });

  it('reach, through a Service of their namespace, a port a container of the node exposes', () => {
    let checked = 0;
    for (const { objects } of emitted.value ?? []) {
      for (const set of ofKind(objects, 'StatefulSet')) new StatefulSet(structuredClone(set) as never).validate();
      for (const route of ofKind(objects, 'TLSRoute') as Json[]) {
        const backend = route.spec.rules[0].backendRefs[0];
        expect(containerPortBehind(objects, backend.name, backend.port), route.metadata.name).toBe(backend.port);
        checked++;
      }
      for (const ingress of ofKind(objects, 'Ingress') as Json[]) {
        const { service } = ingress.spec.rules[0].http.paths[0].backend;
        expect(containerPortBehind(objects, service.name, service.port.number), ingress.metadata.name).toBe(
          service.port.number,
        );
        checked++;
      }
      for (const service of loadBalancers(objects))
        for (const port of service.spec.ports as Json[]) {
          expect(containerPortBehind(objects, service.metadata.name, port.port), service.metadata.name).toBe(
            port.targetPort,
          );
          checked++;
        }
    }
    // operator: 4 TLSRoutes + 2 LoadBalancers; distributor: 2 Ingresses + 2 LoadBalancers; manufacturer: 5.
    expect(checked).toBe(4 + 2 + 2 + 2 + 5);
  });
});

describe('Besu nodes under each exposure', () => {
  const besuContainer = (org: string, name: string): Json => {
    const set = ofKind(objectsOf(org), 'StatefulSet').find((o) => o.metadata.name === name) as Json | undefined;
    if (!set) throw new Error(`StatefulSet/${name} not emitted for ${org}`);
    return set.spec.template.spec.containers[0];
  };
  const advertisedHost = (container: Json) =>
    (container.env as Json[]).find((e) => e.name === 'NETSPEC_P2P_ADVERTISED_HOST')?.value;
  const enodeHosts = (org: string): string[] => {
    const peers = ofKind(objectsOf(org), 'ConfigMap').find((o) => o.metadata.name === 'payments-peers') as Json;
    return (JSON.parse(peers.data['static-nodes.json']) as string[]).map((enode) => new URL(enode).hostname);
  };

  it.each([
    ['cluster', 'retailer', 'payments-validator3', 'payments-validator3.supply-retailer.svc.cluster.local'],
    ['loadBalancer', 'manufacturer', 'payments-validator0', 'payments-validator0.manufacturer.supply.example.com'],
    ['gateway (TLSRoute)', 'operator', 'payments-validator2', 'payments-validator2.operator.supply.example.com'],
    ['gateway (Ingress)', 'distributor', 'payments-validator1', 'payments-validator1.distributor.supply.example.com'],
  ])(
    '%s: advertise the host their enode names, with Besu’s NAT off so it is not replaced',
    (_mode, org, name, host) => {
      const besu = besuContainer(org, name);
      expect(advertisedHost(besu)).toBe(host);
      // The very host every org's static-nodes.json dials this node at.
      expect(enodeHosts(org)).toContain(host);
      expect(besu.command.slice(0, 2)).toEqual(['sh', '-c']);
      expect(besu.command[2]).toContain('exec besu --p2p-host="$ip" "$@"');
      expect(besu.args).toEqual(
        expect.arrayContaining(['--p2p-port=30303', '--p2p-interface=0.0.0.0', '--nat-method=NONE']),
      );
      // The start script gives the only --p2p-host; one in args would be a second, conflicting value.
      expect(besu.args.some((arg: string) => arg.startsWith('--p2p-host'))).toBe(false);
    },
  );

  it('loadBalancer: advertise the host the LoadBalancer Service is published under', () => {
    const service = loadBalancers(objectsOf('manufacturer')).find(
      (s) => s.metadata.name === 'payments-validator0-external',
    )!;
    expect(advertisedHost(besuContainer('manufacturer', 'payments-validator0'))).toBe(
      service.metadata.annotations['external-dns.alpha.kubernetes.io/hostname'],
    );
  });
});
