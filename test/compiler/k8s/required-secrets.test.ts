import { describe, expect, it } from 'vitest';
import { emitManifests, externalConfigMaps, requiredSecrets } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';

const model = loadSpec(new URL('../../../networks/supply-chain/network.yaml', import.meta.url).pathname).value!.model;

/** Every Secret (name -> keys) and ConfigMap name the pods of one org's manifests reference. */
function referenced(org: string) {
  const secrets = new Map<string, Set<string>>();
  const configMaps = new Set<string>();
  const note = (name: string, key?: string) => {
    const keys = secrets.get(name) ?? new Set<string>();
    if (key) keys.add(key);
    secrets.set(name, keys);
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      // biome-ignore lint/suspicious/noExplicitAny: the test walks arbitrary Kubernetes object shapes
      const record = value as Record<string, any>;
      if (record.secretKeyRef) note(record.secretKeyRef.name, record.secretKeyRef.key);
      if (record.secret?.secretName) {
        note(record.secret.secretName);
        for (const item of record.secret.items ?? []) note(record.secret.secretName, item.key);
      }
      if (record.configMap?.name) configMaps.add(record.configMap.name);
      if (record.configMapKeyRef?.name) configMaps.add(record.configMapKeyRef.name);
      Object.values(record).forEach(walk);
    }
  };
  const manifests = emitManifests(model, { organizations: [org] }).value![0]!;
  walk(manifests.objects);
  const emittedConfigMaps = new Set(
    manifests.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name),
  );
  return { secrets, external: [...configMaps].filter((name) => !emittedConfigMaps.has(name)).sort() };
}

describe('requiredSecrets', () => {
  it.each(model.organizations.map((o) => o.name))('lists exactly the Secrets the pods of %s mount', (orgName) => {
    const org = model.organizations.find((o) => o.name === orgName)!;
    const listed = requiredSecrets(model, org);
    const { secrets, external } = referenced(orgName);
    expect(listed.map((s) => s.name).sort()).toEqual([...secrets.keys()].sort());
    for (const secret of listed) {
      // Every key a pod reads is listed (mounted whole Secrets, like TLS, may hold more).
      for (const key of secrets.get(secret.name) ?? []) expect(secret.keys.map((k) => k.key)).toContain(key);
      expect(secret.namespace).toBe(org.kubernetes.namespace);
    }
    expect(
      externalConfigMaps(model, org)
        .map((m) => m.name)
        .sort(),
    ).toEqual(external);
  });

  it('names the manufacturer’s CouchDB credentials and the peers’ MSP layout', () => {
    const org = model.organizations.find((o) => o.name === 'manufacturer')!;
    const byName = new Map(requiredSecrets(model, org).map((s) => [s.name, s]));
    expect(byName.get('peer0-couchdb')?.keys.map((k) => k.key)).toEqual(['username', 'password']);
    // Named as in the org's MSP folder and as netspec crypto writes the node's own pair, so config.yaml's
    // `Certificate: cacerts/ca.<domain>-cert.pem` finds its file.
    expect(byName.get('peer1-msp')?.keys.map((k) => [k.key, k.source])).toEqual([
      ['config.yaml', 'msp/config.yaml'],
      ['ca.manufacturer.supply.example.com-cert.pem', 'msp/cacerts/ca.manufacturer.supply.example.com-cert.pem'],
      [
        'tlsca.manufacturer.supply.example.com-cert.pem',
        'msp/tlscacerts/tlsca.manufacturer.supply.example.com-cert.pem',
      ],
      [
        'peer1.manufacturer.supply.example.com-cert.pem',
        'msp/signcerts/peer1.manufacturer.supply.example.com-cert.pem',
      ],
      ['priv_sk', 'msp/keystore/priv_sk'],
    ]);
    expect(byName.get('peer1-msp')?.folder).toBe('crypto/manufacturer/peers/peer1.manufacturer.supply.example.com');
    expect(byName.get('peer0-tls')?.type).toBe('kubernetes.io/tls');
  });
});
