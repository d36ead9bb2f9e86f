// The emitted manifests of every example network, followed reference by reference as kubelet and Fabric would
// (test/helpers/k8s-conformance.ts); and the check itself, shown to catch each kind of broken reference.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { type Check, conformanceFindings } from '../../helpers/k8s-conformance.js';
import { conformanceInputOf } from '../../helpers/k8s-conformance-input.js';

// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary Kubernetes object shapes
type Any = any;

const NETWORKS = readdirSync(new URL('../../../networks/', import.meta.url)).sort();

function modelOf(network: string) {
  const loaded = loadSpec(new URL(`../../../networks/${network}/network.yaml`, import.meta.url).pathname);
  if (!loaded.value) throw new Error(`${network} does not load`);
  return loaded.value.model;
}

describe.each(NETWORKS)('the manifests of networks/%s', (network) => {
  it('follow every reference: volumes, Secrets and ConfigMaps, file paths, MSP folders, addresses, policies', () => {
    const input = conformanceInputOf(modelOf(network));
    expect(conformanceFindings(input)).toEqual([]);
  });
});

describe('the conformance check', () => {
  const model = modelOf('supply-chain');
  /** The supply-chain input with one object of one org changed; the findings of the given check. */
  function findingsAfter(org: string, kind: string, name: string, change: (object: Any) => void, check: Check) {
    const input = conformanceInputOf(model);
    const manifests = input.organizations.find((o) => o.manifests.organization === org)!.manifests;
    const object = manifests.objects.find((o: K8sObject) => o.kind === kind && o.metadata.name === name);
    change(object);
    return conformanceFindings(input)
      .filter((finding) => finding.check === check)
      .map((finding) => `${finding.organization} ${finding.where}: ${finding.message}`);
  }
  const peerPod = (object: Any) => object.spec.template.spec;
  const peerContainer = (object: Any) => peerPod(object).containers[0];

  it('finds a volumeMount without its volume', () => {
    const found = findingsAfter(
      'retailer',
      'StatefulSet',
      'peer0',
      (o) => {
        peerPod(o).volumes = peerPod(o).volumes.filter((v: Any) => v.name !== 'tls');
      },
      'volume',
    );
    expect(found).toEqual([
      "retailer StatefulSet/peer0 container peer: volumeMount 'tls' (/etc/hyperledger/fabric/tls) has no volume",
    ]);
  });

  it('finds a Secret key that netspec secrets does not list', () => {
    const found = findingsAfter(
      'retailer',
      'StatefulSet',
      'peer0',
      (o) => {
        peerPod(o).volumes.find((v: Any) => v.name === 'msp').secret.items[1].key = 'cacert.pem';
      },
      'secret',
    );
    expect(found).toEqual(["retailer StatefulSet/peer0 volume msp: Secret 'peer0-msp' has no key 'cacert.pem'"]);
  });

  it('finds a file an env var names that is not where the mount puts it', () => {
    const found = findingsAfter(
      'retailer',
      'StatefulSet',
      'peer0',
      (o) => {
        peerContainer(o).env.find((e: Any) => e.name === 'CORE_PEER_TLS_ROOTCERT_FILE').value =
          '/etc/hyperledger/fabric/tls/ca.pem';
      },
      'path',
    );
    expect(found).toEqual([
      'retailer StatefulSet/peer0 container peer: env CORE_PEER_TLS_ROOTCERT_FILE names /etc/hyperledger/fabric/tls/ca.pem: ' +
        "Secret 'peer0-tls' mounted at /etc/hyperledger/fabric/tls has no ca.pem (it has tls.crt, tls.key, ca.crt)",
    ]);
  });

  it('finds an emptyDir file no init container writes', () => {
    const found = findingsAfter(
      'retailer',
      'StatefulSet',
      'peer0',
      (o) => {
        peerPod(o).initContainers = [];
        peerContainer(o).env.push({ name: 'CORE_YAML', value: '/var/hyperledger/config/core.yaml' });
      },
      'path',
    );
    expect(found).toEqual([
      "retailer StatefulSet/peer0 container peer: env CORE_YAML names /var/hyperledger/config/core.yaml: no init container writes core.yaml into emptyDir 'config'",
    ]);
  });

  it('finds an MSP whose config.yaml names a CA certificate that is not mounted (the cacerts/ca.pem layout)', () => {
    const found = findingsAfter(
      'retailer',
      'StatefulSet',
      'peer0',
      (o) => {
        const items = peerPod(o).volumes.find((v: Any) => v.name === 'msp').secret.items;
        items.find((i: Any) => i.path.startsWith('cacerts/')).path = 'cacerts/ca.pem';
      },
      'msp',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^retailer StatefulSet\/peer0 container peer: MSP \/etc\/hyperledger\/fabric\/msp: config\.yaml names cacerts\/ca\.retailer\.supply\.example\.com-cert\.pem, which is not mounted/,
    );
  });

  it('finds an address no Service serves on that port', () => {
    const found = findingsAfter(
      'distributor',
      'Service',
      'peer0',
      (o) => {
        o.spec.ports[0].port = 7061;
      },
      'address',
    );
    expect(found).toContain(
      'manufacturer channel distribution: distributor anchor peer: peer0.distributor.supply.example.com:7051: Service peer0 has no port 7051',
    );
    expect(found).toContain(
      'distributor StatefulSet/peer0 peer CORE_PEER_GOSSIP_BOOTSTRAP: peer0.distributor.supply.example.com:7051: Service peer0 has no port 7051',
    );
  });

  it('finds a NetworkPolicy that opens an operations port to every namespace', () => {
    const found = findingsAfter(
      'operator',
      'NetworkPolicy',
      'allow-orderer-ingress',
      (o) => {
        o.spec.ingress.push({ from: [{ namespaceSelector: {} }], ports: [{ port: 8443, protocol: 'TCP' }] });
        o.spec.ingress.push({ ports: [{ port: 7053, protocol: 'TCP' }] });
      },
      'policy',
    );
    expect(found).toEqual([
      'operator NetworkPolicy/allow-orderer-ingress: ingress rule 3 opens operations/8443 to namespaces {}',
      'operator NetworkPolicy/allow-orderer-ingress: ingress rule 4 opens admin/7053 to anywhere',
    ]);
  });
});
