// What the spec's Kubernetes placement decides: which orgs get manifests at all (opt-in per org, or off
// network-wide), the CA only when the spec has one, images and resources per org and node kind, and the
// NetworkPolicies that follow the channel graph.
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitManifests, type K8sObject, requiredSecrets } from '../../../src/compiler/k8s/index.js';
import { type LoadedSpec, loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { conformanceFindings } from '../../helpers/k8s-conformance.js';
import { conformanceInputOf } from '../../helpers/k8s-conformance-input.js';
import { repoRoot } from '../../helpers/run-cli.js';

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary Kubernetes object shapes
type Any = any;

/** The supply-chain example with its network.yaml edited, beside its crypto/ and a copy of its state/. */
function supplyChainWith(edit: (text: string) => string): { loaded: LoadedSpec; file: string; stateDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-placement-'));
  const example = join(repoRoot, 'networks', 'supply-chain');
  symlinkSync(join(example, 'crypto'), join(dir, 'crypto'));
  cpSync(join(example, 'state'), join(dir, 'state'), { recursive: true });
  const file = join(dir, 'network.yaml');
  const text = edit(readFileSync(join(example, 'network.yaml'), 'utf8'));
  writeFileSync(file, text.replace('$schema=../../schema/', `$schema=${repoRoot}/schema/`));
  const loaded = loadSpec(file);
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return { loaded: loaded.value, file, stateDir: join(dir, 'state') };
}

function planOf({ loaded, file, stateDir }: ReturnType<typeof supplyChainWith>) {
  return makePlan({ loaded, specFile: file, stateDir, timestamp: new Date(0) });
}

const objectsOf = (model: LoadedSpec['model'], org: string) =>
  emitManifests(model).value!.find((m) => m.organization === org)!.objects;
const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name) as Any;

describe('Kubernetes output is opt-in', () => {
  it('plans no Kubernetes object when the spec turns Kubernetes off network-wide, whatever state/k8s holds', async () => {
    const example = supplyChainWith((text) =>
      text.replace('\nchannels:\n', '\nkubernetes:\n  enabled: false\n\nchannels:\n'),
    );
    expect(emitManifests(example.loaded.model).value).toEqual([]);
    const result = await planOf(example);
    expect(result.plan!.kubernetes).toEqual([]);
    expect(result.plan!.summary.kubernetesChanges).toBe(0);
    expect([...result.artifacts.keys()].filter((path) => path.startsWith('k8s/'))).toEqual([]);
  });

  it('emits and plans only the organizations with a kubernetes: placement', async () => {
    const example = supplyChainWith((text) =>
      text.replace(/ {4}kubernetes:\n {6}context: retailer-ap\n(?: {6}.*\n)*/, ''),
    );
    expect(emitManifests(example.loaded.model).value!.map((m) => m.organization)).toEqual([
      'operator',
      'manufacturer',
      'distributor',
    ]);
    const result = await planOf(example);
    expect(result.plan!.kubernetes.map((k) => k.organization)).toEqual(['operator', 'manufacturer', 'distributor']);
  });

  it('puts an org whose placement names no namespace in `<network>-<organization>`, as the schema says', () => {
    const quickstart = loadSpec(join(repoRoot, 'networks', 'quickstart', 'network.yaml')).value!.model;
    expect(quickstart.organizations.map((o) => o.kubernetes.namespace)).toEqual([
      'quickstart-alpha',
      'quickstart-beta',
      'quickstart-gamma',
    ]);
    expect(emitManifests(quickstart).value!.map((m) => m.namespace)).toEqual([
      'quickstart-alpha',
      'quickstart-beta',
      'quickstart-gamma',
    ]);
  });

  it('deploys no CA, and asks for no CA Secret, for an organization without ca:', () => {
    const example = supplyChainWith((text) => text.replace(/( {2}retailer:[\s\S]*?) {4}ca: \{\}\n/, '$1'));
    const { model } = example.loaded;
    const retailer = model.organizations.find((o) => o.name === 'retailer')!;
    expect(retailer.ca.omitted).toBe(true);
    const objects = objectsOf(model, 'retailer');
    expect(objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'ca')).toEqual([]);
    expect(find(objects, 'NetworkPolicy', 'allow-ca-ingress')).toBeUndefined();
    expect(requiredSecrets(model, retailer).map((s) => s.name)).toEqual(['peer0-msp', 'peer0-tls']);
  });
});

describe('images and resources from the spec', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const example = supplyChainWith((text) =>
    text.replace(
      '      context: retailer-ap\n      namespace: supply-retailer\n',
      [
        '      context: retailer-ap',
        '      namespace: supply-retailer',
        '      images:',
        '        registry: registry.example.com/mirror',
        '        pullSecrets: [regcred]',
        `        peer: { digest: "${digest}" }`,
        '        ca: { registry: ghcr.io, repository: initech/fabric-ca, tag: 1.5.21-fips }',
        '      resources:',
        '        peer: { cpu: "2", memory: 4Gi }',
        '',
      ].join('\n'),
    ),
  );
  const { model } = example.loaded;
  const objects = objectsOf(model, 'retailer');

  it('pulls each kind from its registry, by digest or tag, with the pull secrets', () => {
    const peer = find(objects, 'StatefulSet', 'peer0').spec.template.spec;
    expect(peer.containers[0].image).toBe(`registry.example.com/mirror/hyperledger/fabric-peer@${digest}`);
    expect(peer.initContainers[0].image).toBe(peer.containers[0].image);
    expect(peer.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    const ca = find(objects, 'StatefulSet', 'ca-retailer').spec.template.spec;
    expect(ca.containers[0].image).toBe('ghcr.io/initech/fabric-ca:1.5.21-fips');
    // Other orgs keep netspec's pinned releases.
    const distributor = find(objectsOf(model, 'distributor'), 'StatefulSet', 'peer0').spec.template.spec;
    expect(distributor.containers[0].image).toBe('hyperledger/fabric-peer:2.5.16');
    expect(distributor.imagePullSecrets).toBeUndefined();
  });

  it('sizes the org’s peers from its per-kind resources', () => {
    const peer = find(objects, 'StatefulSet', 'peer0').spec.template.spec.containers[0];
    expect(peer.resources).toEqual({ limits: { cpu: '2', memory: '4Gi' }, requests: { cpu: '2', memory: '4Gi' } });
  });

  it('lists the pull secret among the Secrets to create, so the manifests still conform', () => {
    const retailer = model.organizations.find((o) => o.name === 'retailer')!;
    expect(requiredSecrets(model, retailer).find((s) => s.name === 'regcred')?.type).toBe(
      'kubernetes.io/dockerconfigjson',
    );
    expect(conformanceFindings(conformanceInputOf(model))).toEqual([]);
  });

  it('refuses an image digest that is not sha256 and 64 hex digits, at its line', () => {
    const file = example.file;
    const text = readFileSync(file, 'utf8').replace(digest, 'sha256:abc');
    writeFileSync(file, text);
    const loaded = loadSpec(file);
    const problem = loaded.diagnostics.find((d) => d.severity === 'error');
    expect(problem?.message).toMatch(/digest/);
  });
});

describe('NetworkPolicies follow the channel graph', () => {
  // All four orgs in one cluster (no contexts, and no CIDRs but the operator's); the retailer names its Prometheus
  // namespace; the operator's cluster is elsewhere and says where its traffic comes from.
  const example = supplyChainWith((text) =>
    text
      .replace(/ {6}(context|egressCidrs): .+\n/g, '')
      .replace(
        '      namespace: supply-retailer\n',
        '      namespace: supply-retailer\n      monitoringNamespace: monitoring\n',
      )
      .replace(
        '      namespace: supply-operator\n',
        '      context: operator-eu\n      namespace: supply-operator\n      egressCidrs: [203.0.113.0/28]\n',
      ),
  );
  const { model } = example.loaded;
  const ns = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

  it('admits to a peer the namespaces of the members of its channels, and the ordering org’s CIDRs to nothing', () => {
    const retailerPeer = find(objectsOf(model, 'retailer'), 'NetworkPolicy', 'allow-peer-ingress').spec.ingress;
    // The retailer shares only `distribution` with the manufacturer and distributor.
    expect(retailerPeer[0]).toEqual({
      from: [ns('supply-manufacturer'), ns('supply-distributor'), { podSelector: {} }],
      ports: [{ port: 7051, protocol: 'TCP' }],
    });
    const distributorPeer = find(objectsOf(model, 'distributor'), 'NetworkPolicy', 'allow-peer-ingress').spec.ingress;
    expect(distributorPeer[0].from).toEqual([ns('supply-manufacturer'), { podSelector: {} }, ns('supply-retailer')]);
  });

  it('admits to the orderers the members and consenters of the channels they serve, by namespace or CIDR', () => {
    const orderer = find(objectsOf(model, 'operator'), 'NetworkPolicy', 'allow-orderer-ingress').spec.ingress;
    // The operator runs in another cluster: the participants reach it from outside, and declare no CIDRs.
    expect(orderer[0]).toEqual({ ports: [{ port: 7050, protocol: 'TCP' }] });
    const retailerEgress = find(objectsOf(model, 'retailer'), 'NetworkPolicy', 'allow-consortium-egress').spec.egress;
    expect(retailerEgress).toEqual([
      { to: [ns('supply-distributor')], ports: [{ port: 7051, protocol: 'TCP' }] },
      { to: [ns('supply-manufacturer')], ports: [{ port: 7051, protocol: 'TCP' }] },
      { ports: [{ port: 7050, protocol: 'TCP' }] },
    ]);
  });

  it('opens operations only to the org and its monitoring namespace, and the orderer admin port to the org alone', () => {
    const retailerPeer = find(objectsOf(model, 'retailer'), 'NetworkPolicy', 'allow-peer-ingress').spec.ingress;
    expect(retailerPeer[1]).toEqual({
      from: [{ podSelector: {} }, ns('monitoring')],
      ports: [{ port: 9443, protocol: 'TCP' }],
    });
    const orderer = find(objectsOf(model, 'operator'), 'NetworkPolicy', 'allow-orderer-ingress').spec.ingress;
    expect(orderer.slice(1)).toEqual([
      { from: [{ podSelector: {} }], ports: [{ port: 7053, protocol: 'TCP' }] },
      { from: [{ podSelector: {} }], ports: [{ port: 8443, protocol: 'TCP' }] },
    ]);
  });

  it('admits the CIDRs an org in another cluster declares', () => {
    // Everyone in one cluster but the retailer, which says where its traffic leaves its own cluster from.
    const apart = supplyChainWith((text) =>
      text
        .replace(/ {6}context: (?!retailer)[a-z-]+\n/g, '')
        .replace(/ {6}egressCidrs: .+\n/g, '')
        .replace(
          '      namespace: supply-retailer\n',
          '      namespace: supply-retailer\n      egressCidrs: [198.51.100.0/24]\n',
        ),
    );
    const orderer = find(objectsOf(apart.loaded.model, 'operator'), 'NetworkPolicy', 'allow-orderer-ingress').spec
      .ingress[0];
    expect(orderer).toEqual({
      from: [
        { podSelector: {} },
        ns('supply-manufacturer'),
        ns('supply-distributor'),
        { ipBlock: { cidr: '198.51.100.0/24' } },
      ],
      ports: [{ port: 7050, protocol: 'TCP' }],
    });
    // The production channel leaves the retailer out: the distributor's peers admit it only for distribution.
    const manufacturerPeer = find(objectsOf(apart.loaded.model, 'manufacturer'), 'NetworkPolicy', 'allow-peer-ingress');
    expect(manufacturerPeer.spec.ingress[0].from).toContainEqual({ ipBlock: { cidr: '198.51.100.0/24' } });
    // The operator's CIDRs of the other graph appear on no peer: orderers never dial peers.
    for (const org of ['manufacturer', 'distributor', 'retailer'])
      expect(JSON.stringify(find(objectsOf(model, org), 'NetworkPolicy', 'allow-peer-ingress'))).not.toContain(
        '203.0.113.0/28',
      );
  });

  it('keeps every example conformant under the new graph', () => {
    expect(conformanceFindings(conformanceInputOf(model))).toEqual([]);
  });

  it('points the peers at their Services when every org is exposed in one cluster, and still conforms', () => {
    const cluster = supplyChainWith((text) =>
      text
        .replace(/ {6}context: [a-z-]+\n/g, '')
        .replace(/( {6}namespace: supply-[a-z]+\n)/g, '$1      exposure: { mode: cluster }\n'),
    );
    const peer = find(objectsOf(cluster.loaded.model, 'manufacturer'), 'StatefulSet', 'peer0').spec.template.spec
      .containers[0];
    const env = Object.fromEntries(peer.env.map((e: Any) => [e.name, e.value]));
    expect(env.CORE_PEER_ADDRESS).toBe('peer0.supply-manufacturer.svc.cluster.local:7051');
    expect(env.CORE_PEER_GOSSIP_EXTERNALENDPOINT).toBe('peer0.supply-manufacturer.svc.cluster.local:7051');
    expect(env.CORE_PEER_GOSSIP_BOOTSTRAP).toBe('peer1.supply-manufacturer.svc.cluster.local:7051');
    expect(conformanceFindings(conformanceInputOf(cluster.loaded.model))).toEqual([]);
  });
});
