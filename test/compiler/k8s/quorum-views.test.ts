// The Quorum workloads as a kubelet would start them: every mount has its volume, every ConfigMap a pod mounts is
// emitted in its own namespace with the bundle's bytes, and each client gets the flags it needs to find its peers
// (Besu: static nodes, DNS), seal blocks (GoQuorum: --mine) and keep strangers out (GoQuorum: --permissioned).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitManifests, type K8sObject } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { emitQuorumArtifacts } from '../../../src/compiler/quorum/index.js';
import { conformanceFindings } from '../../helpers/k8s-conformance.js';
import { conformanceInputOf } from '../../helpers/k8s-conformance-input.js';
import { testPublicKey, writeQuorumSpec } from '../quorum/_quorum-spec.js';

const RAFT_NETWORK = `  minting:
    client: goquorum
    consensus: raft
    chainId: 3030
    validators:
      - { name: raft1, organization: distributor, publicKey: "${testPublicKey(21)}" }
`;

function loadQuorumModel(edit?: (yaml: string) => string) {
  const loaded = loadSpec(writeQuorumSpec(edit));
  if (!loaded.value) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.value.model;
}

const model = loadQuorumModel();
const manifests = emitManifests(model).value!;

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary Kubernetes object shapes
type Loose = any;

function objectsOf(org: string): K8sObject[] {
  const found = manifests.find((m) => m.organization === org);
  if (!found) throw new Error(`no manifests for ${org}`);
  return found.objects;
}

function find(org: string, kind: string, name: string): Loose {
  const object = objectsOf(org).find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} not emitted for ${org}`);
  return object;
}

function podSpec(org: string, name: string): Loose {
  return find(org, 'StatefulSet', name).spec.template.spec;
}

describe('Besu nodes', () => {
  const pod = podSpec('manufacturer', 'payments-validator1');
  const besu = pod.containers[0];

  it('carry the SHA-256 of the genesis their ConfigMap holds, so a new genesis restarts them', () => {
    const genesis = find('manufacturer', 'ConfigMap', 'payments-genesis').data['genesis.json'];
    const annotations = find('manufacturer', 'StatefulSet', 'payments-validator1').spec.template.metadata.annotations;
    expect(annotations).toEqual({
      'netspec.io/genesis-sha256': createHash('sha256').update(genesis).digest('hex'),
    });
    // A QBFT transition changes the genesis, and so the pod template the StatefulSet rolls out.
    const withTransition = emitManifests(
      loadQuorumModel((yaml) =>
        yaml.replace(
          '    blockPeriod: 2s\n',
          '    blockPeriod: 2s\n    transitions:\n      - { block: 90000, blockPeriod: 3s }\n',
        ),
      ),
    ).value!;
    const changed = withTransition
      .find((m) => m.organization === 'manufacturer')!
      .objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'payments-validator1') as Loose;
    const newGenesis = withTransition
      .find((m) => m.organization === 'manufacturer')!
      .objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'payments-genesis') as Loose;
    expect(newGenesis.data['genesis.json']).not.toBe(genesis);
    expect(changed.spec.template.metadata.annotations['netspec.io/genesis-sha256']).toBe(
      createHash('sha256').update(newGenesis.data['genesis.json']).digest('hex'),
    );
  });

  it('run as the image’s besu user (uid 1000) with fsGroup 1000, so the volume and the 0400 key are theirs', () => {
    expect(pod.securityContext).toEqual({ runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, fsGroup: 1000 });
    const keys = pod.volumes.find((v: Loose) => v.name === 'keys');
    expect(keys.secret.defaultMode).toBe(0o400);
  });

  it('mount a volume for every volumeMount, and nothing unmounted', () => {
    const volumes = new Set([...pod.volumes.map((v: Loose) => v.name), 'data']);
    for (const mount of besu.volumeMounts) expect(volumes, mount.name).toContain(mount.name);
    expect(pod.volumes.map((v: Loose) => v.name).sort()).toEqual(
      besu.volumeMounts
        .map((m: Loose) => m.name)
        .filter((n: string) => n !== 'data')
        .sort(),
    );
  });

  it('dial the static nodes by host name, which Besu resolves only with its DNS flags', () => {
    expect(besu.args).toContain('--static-nodes-file=/etc/quorum/peers/static-nodes.json');
    expect(besu.args).toContain('--Xdns-enabled=true');
    expect(besu.args).toContain('--Xdns-update-enabled=true');
    expect(besu.args).toContain('--discovery-enabled=false');
    expect(besu.volumeMounts).toContainEqual({ name: 'peers', mountPath: '/etc/quorum/peers', readOnly: true });
  });

  describe('start through a script that advertises the IP their address host resolves to', () => {
    // The emitted command run by a real sh, with a stand-in `besu` on PATH that prints the arguments it got.
    const bin = mkdtempSync(join(tmpdir(), 'netspec-besu-'));
    writeFileSync(join(bin, 'besu'), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
    chmodSync(join(bin, 'besu'), 0o755);
    const start = (host: string) => {
      const [file, ...rest] = besu.command as string[];
      return spawnSync(file!, [...rest, ...besu.args], {
        encoding: 'utf8',
        // A bounded resolver wait, so a name that does not resolve fails quickly on a machine without DNS.
        env: { PATH: `${bin}:/usr/bin:/bin`, RES_OPTIONS: 'timeout:1 attempts:1', NETSPEC_P2P_ADVERTISED_HOST: host },
      });
    };

    it('a resolved host becomes --p2p-host, ahead of the emitted args', () => {
      const run = start('127.0.0.1');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter(Boolean)).toEqual(['--p2p-host=127.0.0.1', ...besu.args]);
    });

    it('a host that does not resolve stops the container before Besu starts, naming the host', () => {
      const run = start('netspec-unresolvable.invalid');
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('netspec-unresolvable.invalid');
    });
  });

  it('are ready without waiting for a peer that waits for them', () => {
    expect(besu.readinessProbe.httpGet.path).toBe('/readiness?minPeers=0');
  });
});

describe('the network ConfigMaps', () => {
  const payments = model.quorum.find((n) => n.name === 'payments')!;
  const ledger = model.quorum.find((n) => n.name === 'ledger')!;

  it.each(['manufacturer', 'distributor', 'retailer'])(
    'are emitted in %s’s namespace with the bundle’s bytes, for each network it runs a node of',
    (org) => {
      const files = emitQuorumArtifacts(payments);
      const runsPayments = payments.validators.concat(payments.members).some((n) => n.organization === org);
      expect(runsPayments).toBe(true);
      expect(find(org, 'ConfigMap', 'payments-genesis').data).toEqual({ 'genesis.json': files['genesis.json'] });
      expect(find(org, 'ConfigMap', 'payments-peers').data).toEqual({
        'static-nodes.json': files['static-nodes.json'],
      });
    },
  );

  it('carry GoQuorum’s permissioned-nodes.json beside its static nodes', () => {
    const files = emitQuorumArtifacts(ledger);
    expect(find('distributor', 'ConfigMap', 'ledger-peers').data).toEqual({
      'static-nodes.json': files['static-nodes.json'],
      'permissioned-nodes.json': files['permissioned-nodes.json'],
    });
  });

  it('are mounted only where they are emitted: every ConfigMap a pod names exists in its namespace', () => {
    for (const org of manifests) {
      const emitted = new Set(org.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
      for (const object of org.objects.filter((o) => o.kind === 'StatefulSet')) {
        const volumes = (object as Loose).spec.template.spec.volumes ?? [];
        for (const volume of volumes)
          if (volume.configMap)
            expect(emitted, `${org.organization} ${volume.configMap.name}`).toContain(volume.configMap.name);
      }
    }
  });

  it('name hosts that the emitted Services serve: every in-cluster enode and Tessera peer, on a port the Service has', () => {
    const services = new Map<string, Loose>(
      manifests.flatMap((org) =>
        org.objects
          .filter((o) => o.kind === 'Service')
          .map((o): [string, Loose] => [`${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`, o]),
      ),
    );
    const targets = [
      ...manifests.flatMap((org) =>
        org.objects
          .filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-peers'))
          .flatMap((o) => JSON.parse((o as Loose).data['static-nodes.json']) as string[]),
      ),
      ...model.quorum
        .filter((n) => n.privacy)
        .flatMap((n) => JSON.parse(emitQuorumArtifacts(n)['tessera-peers.json']!).peer.map((p: Loose) => p.url)),
    ].map((url) => new URL(url.replace(/^enode:/, 'http:')));
    const inCluster = targets.filter((url) => url.hostname.endsWith('.svc.cluster.local'));
    expect(inCluster.length).toBeGreaterThanOrEqual(10);
    for (const url of inCluster) {
      const service = services.get(url.hostname);
      expect(service, url.href).toBeDefined();
      expect(
        service.spec.ports.map((p: Loose) => p.port),
        url.href,
      ).toContain(Number(url.port));
    }
  });

  it('are emitted only by orgs that run a node of the network', () => {
    expect(objectsOf('operator').some((o) => o.metadata.name === 'payments-genesis')).toBe(false);
    expect(objectsOf('operator').some((o) => o.metadata.name === 'ledger-genesis')).toBe(true);
  });
});

describe('GoQuorum nodes', () => {
  const pod = podSpec('distributor', 'ledger-node2');
  const quorum = pod.containers[0];

  it('seal blocks as BFT validators (--mine --miner.threads=1) and accept only permissioned nodes', () => {
    expect(quorum.args).toEqual(expect.arrayContaining(['--mine', '--miner.threads=1', '--permissioned']));
  });

  it('advertise no host name (geth’s --nat extip takes an IP), and an IP address as extip', () => {
    expect(quorum.args).toContain('--nat=none');
    const ipModel = loadQuorumModel((yaml) =>
      yaml.replace(
        `{ name: node2, organization: distributor, publicKey: "${testPublicKey(12)}" }`,
        `{ name: node2, organization: distributor, publicKey: "${testPublicKey(12)}", address: "203.0.113.7:30303" }`,
      ),
    );
    const ipPod = (
      emitManifests(ipModel, { organizations: ['distributor'] }).value![0]!.objects.find(
        (o) => o.metadata.name === 'ledger-node2' && o.kind === 'StatefulSet',
      ) as Loose
    ).spec.template.spec;
    expect(ipPod.containers[0].args).toContain('--nat=extip:203.0.113.7');
    expect(ipPod.containers[0].args).not.toContain('--nat=none');
  });

  it('find their node lists where GoQuorum reads them, copied there by the init container', () => {
    const init = pod.initContainers[0];
    const script = init.command.join(' ');
    expect(script).toContain('geth init --datadir /data /etc/quorum/genesis/genesis.json');
    expect(script).toContain('cp /etc/quorum/peers/static-nodes.json /data/geth/static-nodes.json');
    expect(script).toContain('cp /etc/quorum/peers/permissioned-nodes.json /data/permissioned-nodes.json');
    expect(init.volumeMounts.map((m: Loose) => m.name)).toEqual(expect.arrayContaining(['data', 'genesis', 'peers']));
  });

  it('do not mine under Raft (which mints without it), and name Raft peers by host', () => {
    const raftModel = loadQuorumModel((yaml) => yaml.replace(/^connection:/m, `${RAFT_NETWORK}connection:`));
    const raftPod = (
      emitManifests(raftModel, { organizations: ['distributor'] }).value![0]!.objects.find(
        (o) => o.metadata.name === 'minting-raft1' && o.kind === 'StatefulSet',
      ) as Loose
    ).spec.template.spec;
    expect(raftPod.containers[0].args).toContain('--raftdnsenable');
    expect(raftPod.containers[0].args).not.toContain('--mine');
  });
});

describe('the conformance check over the Quorum test networks', () => {
  it('finds every reference of Besu, GoQuorum and Tessera pods resolved, and every enode served', () => {
    expect(conformanceFindings(conformanceInputOf(model))).toEqual([]);
  });
});
