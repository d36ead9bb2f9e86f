// Conformance of emitted Kubernetes manifests, checked by following references the way the runtime does, from the
// objects as data and the files an org really creates; nothing here asks the emitter what it meant.
//   kubelet: every volumeMount has its volume; every Secret/ConfigMap (and key) a pod reads exists among what
//            `netspec secrets` tells the org to create, what the manifests emit, or what other steps write.
//   Fabric:  every file path an env var (or a `--flag=/path` argument) names lies under a mount and exists there;
//            an MSP folder has cacerts/, signcerts/ and keystore/ files, and every certificate its config.yaml
//            names (NodeOUs, OrganizationalUnitIdentifiers) is one of its files (msp/configbuilder.go).
//   network: every host:port the channel configs, env, chaincode connection.json and connection profiles name is
//            served by an emitted Service or route (in some org's manifests) or a declared external address, on a
//            port a container of the selected pods exposes.
//   policy:  no NetworkPolicy admits anything beyond the org (its own namespace, its monitoring namespace) to an
//            operations, admin or RPC port.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type {
  K8sObject,
  OrganizationManifests,
  RequiredConfigMap,
  RequiredSecret,
} from '../../src/compiler/k8s/index.js';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are walked as plain data
type Any = any;

export type Check = 'volume' | 'secret' | 'config-map' | 'path' | 'msp' | 'address' | 'policy';

export interface Finding {
  check: Check;
  organization: string;
  /** `Kind/name` and, for pods, the container. */
  where: string;
  message: string;
}

export interface OrganizationInput {
  manifests: OrganizationManifests;
  /** What `netspec secrets` lists for the org. */
  secrets: readonly RequiredSecret[];
  /** ConfigMaps the pods mount that other steps write (the Quorum genesis). */
  externalConfigMaps: readonly RequiredConfigMap[];
  /** The org's monitoring namespace, if the spec names one. */
  monitoringNamespace?: string;
}

export interface ConformanceInput {
  organizations: readonly OrganizationInput[];
  /** Folder the Secrets' `folder`s are relative to (the network.yaml's). */
  specDir: string;
  /** Every host:port something dials, with where it was found ('channel invoices: consenter', ...). */
  addresses: readonly { address: string; source: string; organization: string }[];
  /** host:port served outside the emitted manifests (declared in the spec). */
  externalAddresses?: readonly string[];
  /**
   * Names an org routes to its own Services (it chose no exposure: its DNS points `<node>.<domain>` at them): each
   * is checked as that Service, in that namespace, on that port.
   */
  routedNames?: readonly { address: string; namespace: string; service: string }[];
}

/** Names Fabric gives its MSP folder settings (core.yaml peer.mspConfigPath, orderer.yaml General.LocalMSPDir). */
const MSP_DIR_VARS = new Set(['CORE_PEER_MSPCONFIGPATH', 'ORDERER_GENERAL_LOCALMSPDIR']);
/** Port names that must stay inside the org: health, metrics, log levels, channel admin, JSON-RPC. */
const SENSITIVE_PORT_NAMES = /^(operations|admin|rpc|metrics|thirdparty|third-party|q2t|ws|graphql)$/;
/** Env vars whose value is a host:port another node dials (core.yaml peer.address, gossip endpoints). */
const ADDRESS_VARS = new Set(['CORE_PEER_ADDRESS', 'CORE_PEER_GOSSIP_EXTERNALENDPOINT', 'CORE_PEER_GOSSIP_BOOTSTRAP']);

export function conformanceFindings(input: ConformanceInput): Finding[] {
  const findings: Finding[] = [];
  for (const org of input.organizations) findings.push(...organizationFindings(org, input.specDir));
  findings.push(...addressFindings(input));
  return findings;
}

/** Every host:port named by env vars and chaincode connection.json files of the manifests. */
export function manifestAddresses(
  organizations: readonly OrganizationInput[],
): { address: string; source: string; organization: string }[] {
  const found: { address: string; source: string; organization: string }[] = [];
  for (const { manifests } of organizations)
    for (const object of manifests.objects) {
      for (const { container, pod } of containersOf(object)) {
        void pod;
        for (const env of container.env ?? [])
          if (ADDRESS_VARS.has(env.name) && typeof env.value === 'string')
            for (const address of env.value.split(/[\s,]+/).filter(Boolean))
              found.push({
                address,
                source: `${id(object)} ${container.name} ${env.name}`,
                organization: manifests.organization,
              });
      }
      if (object.kind === 'ConfigMap' && typeof (object as Any).data?.['connection.json'] === 'string')
        found.push({
          address: JSON.parse((object as Any).data['connection.json']).address,
          source: `${id(object)} connection.json`,
          organization: manifests.organization,
        });
    }
  return found;
}

function organizationFindings(org: OrganizationInput, specDir: string): Finding[] {
  const findings: Finding[] = [];
  const { manifests } = org;
  const report = (check: Check, where: string, message: string) =>
    findings.push({ check, organization: manifests.organization, where, message });
  const secrets = new Map(org.secrets.map((secret) => [secret.name, secret]));
  const configMaps = new Map<string, Set<string>>();
  for (const object of manifests.objects)
    if (object.kind === 'ConfigMap')
      configMaps.set(object.metadata.name, new Set(Object.keys((object as Any).data ?? {})));
  for (const map of org.externalConfigMaps) configMaps.set(map.name, new Set(map.keys.map((k) => k.key)));
  const secretKeys = (name: string) => new Set(secrets.get(name)?.keys.map((k) => k.key) ?? []);

  for (const object of manifests.objects) {
    const pod = podSpecOf(object);
    if (!pod) continue;
    const claimNames = new Set<string>(
      ((object as Any).spec?.volumeClaimTemplates ?? []).map((c: Any) => c.metadata?.name),
    );
    const volumes = new Map<string, Any>((pod.volumes ?? []).map((v: Any) => [v.name, v]));
    for (const pull of pod.imagePullSecrets ?? [])
      if (!secrets.has(pull.name))
        report('secret', id(object), `imagePullSecret '${pull.name}' is not a Secret the org is told to create`);
    for (const [name, volume] of volumes) {
      if (volume.secret) {
        const keys = secretKeys(volume.secret.secretName);
        if (!secrets.has(volume.secret.secretName))
          report(
            'secret',
            `${id(object)} volume ${name}`,
            `Secret '${volume.secret.secretName}' is not listed by netspec secrets`,
          );
        else
          for (const item of volume.secret.items ?? [])
            if (!keys.has(item.key))
              report(
                'secret',
                `${id(object)} volume ${name}`,
                `Secret '${volume.secret.secretName}' has no key '${item.key}'`,
              );
      }
      if (volume.configMap) {
        const keys = configMaps.get(volume.configMap.name);
        if (!keys)
          report(
            'config-map',
            `${id(object)} volume ${name}`,
            `ConfigMap '${volume.configMap.name}' is neither emitted nor written by another step`,
          );
        else
          for (const item of volume.configMap.items ?? [])
            if (!keys.has(item.key))
              report(
                'config-map',
                `${id(object)} volume ${name}`,
                `ConfigMap '${volume.configMap.name}' has no key '${item.key}'`,
              );
      }
    }
    for (const { container, init } of containersOf(object)) {
      const where = `${id(object)} ${init ? 'initContainer' : 'container'} ${container.name}`;
      for (const mount of container.volumeMounts ?? [])
        if (!volumes.has(mount.name) && !claimNames.has(mount.name))
          report('volume', where, `volumeMount '${mount.name}' (${mount.mountPath}) has no volume`);
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref && !secretKeys(ref.name).has(ref.key))
          report(
            'secret',
            where,
            `env ${env.name} reads key '${ref.key}' of Secret '${ref.name}', which is not listed`,
          );
        const mapRef = env.valueFrom?.configMapKeyRef;
        if (mapRef && !configMaps.get(mapRef.name)?.has(mapRef.key))
          report(
            'config-map',
            where,
            `env ${env.name} reads key '${mapRef.key}' of ConfigMap '${mapRef.name}', which does not exist`,
          );
      }
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name))
          report('config-map', where, `envFrom ConfigMap '${from.configMapRef.name}' does not exist`);
        if (from.secretRef && !secrets.has(from.secretRef.name))
          report('secret', where, `envFrom Secret '${from.secretRef.name}' is not listed`);
      }
      const files = filesUnderMounts(object, container, volumes, claimNames, secrets, configMaps, pod);
      for (const { path, named } of pathsNamedBy(container)) {
        const problem = files.problem(path);
        if (problem) report('path', where, `${named} names ${path}: ${problem}`);
      }
      for (const env of container.env ?? [])
        if (MSP_DIR_VARS.has(env.name) && typeof env.value === 'string')
          for (const message of mspProblems(env.value, files, secrets, specDir)) report('msp', where, message);
    }
  }
  for (const object of manifests.objects)
    if (object.kind === 'NetworkPolicy')
      for (const message of policyProblems(object, org)) report('policy', id(object), message);
  return findings;
}

interface MountedFiles {
  /** Why the path does not exist for the container, or undefined when it does. */
  problem(path: string): string | undefined;
  /** The files under a directory (relative names), for a Secret or ConfigMap mount. */
  list(directory: string): { files: string[]; secret?: string; keyOf: Map<string, string> } | undefined;
}

function filesUnderMounts(
  object: K8sObject,
  container: Any,
  volumes: Map<string, Any>,
  claimNames: Set<string>,
  secrets: Map<string, RequiredSecret>,
  configMaps: Map<string, Set<string>>,
  pod: Any,
): MountedFiles {
  const mounts = [...(container.volumeMounts ?? [])].sort((a: Any, b: Any) => b.mountPath.length - a.mountPath.length);
  const mountOf = (path: string) =>
    mounts.find((m: Any) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
  // Files a Secret/ConfigMap volume shows: its items' paths, else every key.
  const contents = (volume: Any): { files: string[]; secret?: string; keyOf: Map<string, string> } => {
    const keyOf = new Map<string, string>();
    if (volume.secret) {
      const keys = secrets.get(volume.secret.secretName)?.keys.map((k) => k.key) ?? [];
      for (const item of volume.secret.items ?? keys.map((key) => ({ key, path: key }))) keyOf.set(item.path, item.key);
      return { files: [...keyOf.keys()], secret: volume.secret.secretName, keyOf };
    }
    const keys = [...(configMaps.get(volume.configMap.name) ?? [])];
    for (const item of volume.configMap.items ?? keys.map((key) => ({ key, path: key })))
      keyOf.set(item.path, item.key);
    return { files: [...keyOf.keys()], keyOf };
  };
  return {
    problem(path) {
      const mount = mountOf(path);
      if (!mount) return 'not under any volumeMount of the container';
      const relative = path.slice(mount.mountPath.replace(/\/$/, '').length).replace(/^\//, '');
      if (claimNames.has(mount.name) || volumes.get(mount.name)?.persistentVolumeClaim) return undefined; // data the node writes
      const volume = volumes.get(mount.name);
      if (!volume) return `volume '${mount.name}' does not exist`;
      if (volume.emptyDir) {
        if (relative === '') return undefined;
        // A file in an emptyDir exists only if an init container writes it: its command names the file.
        const writers = (pod.initContainers ?? []).filter((init: Any) =>
          (init.volumeMounts ?? []).some(
            (m: Any) =>
              m.name === mount.name &&
              JSON.stringify(init.command ?? []).includes(`${m.mountPath.replace(/\/$/, '')}/${relative}`),
          ),
        );
        return writers.length > 0 ? undefined : `no init container writes ${relative} into emptyDir '${mount.name}'`;
      }
      if (volume.secret || volume.configMap) {
        const { files } = contents(volume);
        if (relative === '' || files.includes(relative) || files.some((f) => f.startsWith(`${relative}/`)))
          return undefined;
        return `${volume.secret ? `Secret '${volume.secret.secretName}'` : `ConfigMap '${volume.configMap.name}'`} mounted at ${mount.mountPath} has no ${relative} (it has ${files.join(', ') || 'nothing'})`;
      }
      return `volume '${mount.name}' of ${id(object)} is of a kind the check does not follow`;
    },
    list(directory) {
      const mount = mounts.find((m: Any) => m.mountPath.replace(/\/$/, '') === directory.replace(/\/$/, ''));
      const volume = mount && volumes.get(mount.name);
      if (!volume || !(volume.secret || volume.configMap)) return undefined;
      return contents(volume);
    },
  };
}

/** File paths a container names: env values (and bracketed lists) and `--flag=/path` arguments. */
function pathsNamedBy(container: Any): { path: string; named: string }[] {
  const found: { path: string; named: string }[] = [];
  for (const env of container.env ?? []) {
    if (typeof env.value !== 'string') continue;
    const value = env.value.trim();
    const list = /^\[(.*)\]$/.exec(value);
    const parts = list ? list[1]!.split(',').map((p) => p.trim()) : value.split(/\s+/);
    for (const part of parts) if (part.startsWith('/')) found.push({ path: part, named: `env ${env.name}` });
  }
  for (const arg of container.args ?? []) {
    const match = /^(--[\w.-]+)=(\/.*)$/.exec(String(arg));
    if (match) found.push({ path: match[2]!, named: `argument ${match[1]}` });
  }
  return found;
}

/** Fabric's reading of an MSP folder (msp/configbuilder.go, msp/mspimpl.go), against the mounted files. */
function mspProblems(
  directory: string,
  files: MountedFiles,
  secrets: Map<string, RequiredSecret>,
  specDir: string,
): string[] {
  const listed = files.list(directory);
  if (!listed) return [`MSP folder ${directory} is not a Secret or ConfigMap mount`];
  const problems: string[] = [];
  for (const folder of ['cacerts', 'signcerts', 'keystore'])
    if (!listed.files.some((f) => f.startsWith(`${folder}/`))) problems.push(`MSP ${directory} has no ${folder}/ file`);
  if (!listed.files.includes('config.yaml')) return problems;
  const secret = listed.secret ? secrets.get(listed.secret) : undefined;
  const key = secret?.keys.find((k) => k.key === listed.keyOf.get('config.yaml'));
  if (!secret?.folder || !key?.source)
    return [...problems, `MSP ${directory}: the org's config.yaml has no source file`];
  const file = join(specDir, secret.folder, key.source);
  if (!existsSync(file)) return [...problems, `MSP ${directory}: ${file} does not exist`];
  const config = (parse(readFileSync(file, 'utf8')) ?? {}) as Any;
  const named: string[] = [];
  for (const value of Object.values(config.NodeOUs ?? {}))
    if ((value as Any)?.Certificate) named.push((value as Any).Certificate);
  for (const ou of config.OrganizationalUnitIdentifiers ?? []) if (ou?.Certificate) named.push(ou.Certificate);
  for (const certificate of new Set(named))
    if (!listed.files.includes(certificate.replace(/^\.\//, '')))
      problems.push(
        `MSP ${directory}: config.yaml names ${certificate}, which is not mounted (files: ${listed.files.join(', ')})`,
      );
  return problems;
}

function policyProblems(policy: K8sObject, org: OrganizationInput): string[] {
  const spec = (policy as Any).spec ?? {};
  const namespace = org.manifests.namespace;
  const inside = new Set([namespace, ...(org.monitoringNamespace ? [org.monitoringNamespace] : [])]);
  const problems: string[] = [];
  const selected = podsSelectedBy(spec.podSelector ?? {}, org.manifests.objects);
  const sensitive = sensitivePorts(selected, org.manifests.objects);
  for (const [index, rule] of (spec.ingress ?? []).entries()) {
    const opened: Any[] = rule.ports ?? [];
    const hits =
      opened.length === 0
        ? [...sensitive.values()]
        : opened.flatMap((p: Any) => (sensitive.has(String(p.port)) ? [sensitive.get(String(p.port))] : []));
    if (hits.length === 0) continue;
    const peers: Any[] = rule.from ?? [];
    const outside =
      peers.length === 0
        ? ['anywhere']
        : peers.flatMap((peer: Any) => {
            if (peer.ipBlock) return [`ipBlock ${peer.ipBlock.cidr}`];
            if (!peer.namespaceSelector) return []; // pods of the policy's own namespace
            const name = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'];
            const exact =
              Object.keys(peer.namespaceSelector).length === 1 &&
              Object.keys(peer.namespaceSelector.matchLabels ?? {}).length === 1;
            return exact && inside.has(name) ? [] : [`namespaces ${JSON.stringify(peer.namespaceSelector)}`];
          });
    if (outside.length > 0)
      problems.push(`ingress rule ${index} opens ${[...new Set(hits)].join(', ')} to ${outside.join(', ')}`);
  }
  return problems;
}

/** port number (and name) -> 'name/port' for the sensitive ports of the pods. */
function sensitivePorts(pods: Any[], objects: readonly K8sObject[]): Map<string, string> {
  const ports = new Map<string, string>();
  for (const pod of pods)
    for (const container of pod.containers ?? [])
      for (const port of container.ports ?? [])
        if (SENSITIVE_PORT_NAMES.test(port.name ?? '')) {
          ports.set(String(port.containerPort), `${port.name}/${port.containerPort}`);
          ports.set(port.name, `${port.name}/${port.containerPort}`);
        }
  // A Service may name a port that the container leaves unnamed.
  for (const service of objects.filter((o) => o.kind === 'Service'))
    for (const port of (service as Any).spec?.ports ?? [])
      if (
        SENSITIVE_PORT_NAMES.test(port.name ?? '') &&
        pods.some((pod) => matches((service as Any).spec.selector ?? {}, pod.__labels))
      )
        ports.set(String(port.targetPort ?? port.port), `${port.name}/${port.targetPort ?? port.port}`);
  return ports;
}

function podsSelectedBy(selector: Any, objects: readonly K8sObject[]): Any[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    const labels = (object as Any).spec?.template?.metadata?.labels ?? {};
    return pod && matches(selector.matchLabels ?? {}, labels) ? [{ ...pod, __labels: labels }] : [];
  });
}

function addressFindings(input: ConformanceInput): Finding[] {
  const findings: Finding[] = [];
  const external = new Set(input.externalAddresses ?? []);
  const all = input.organizations.flatMap((org) =>
    org.manifests.objects.map((object) => ({ object, namespace: org.manifests.namespace })),
  );
  const routed = new Map((input.routedNames ?? []).map((name) => [name.address, name]));
  for (const { address, source, organization } of input.addresses) {
    if (external.has(address)) continue;
    const at = address.lastIndexOf(':');
    const host = address.slice(0, at);
    const port = Number(address.slice(at + 1));
    const alias = routed.get(address);
    if (alias) {
      const service = all.find(
        ({ object, namespace }) =>
          object.kind === 'Service' && object.metadata.name === alias.service && namespace === alias.namespace,
      );
      const problem = service
        ? portProblem(service.object, port, all)
        : `routed to Service ${alias.service} in ${alias.namespace}, which is not emitted`;
      if (problem) findings.push({ check: 'address', organization, where: source, message: `${address}: ${problem}` });
      continue;
    }
    const problem = servingProblem(
      host,
      port,
      all,
      input.organizations.find((o) => o.manifests.organization === organization)?.manifests.namespace,
    );
    if (problem) findings.push({ check: 'address', organization, where: source, message: `${address}: ${problem}` });
  }
  return findings;
}

/** Why nothing emitted serves host:port, or undefined when a Service (directly or through a route) does. */
function servingProblem(
  host: string,
  port: number,
  all: { object: K8sObject; namespace: string }[],
  fromNamespace: string | undefined,
): string | undefined {
  const services = all.filter(({ object }) => object.kind === 'Service');
  const byDns = services.find(({ object, namespace }) => {
    const name = object.metadata.name;
    return (
      host === `${name}.${namespace}.svc.cluster.local` ||
      host === `${name}.${namespace}.svc` ||
      host === `${name}.${namespace}` ||
      (host === name && namespace === fromNamespace) ||
      externalNames(object).includes(host)
    );
  });
  if (byDns) return portProblem(byDns.object, port, all);
  // Routes carry TLS by SNI to a Service: Gateway API TLSRoute hostnames, an ssl-passthrough Ingress's hosts.
  for (const { object, namespace } of all) {
    const spec = (object as Any).spec ?? {};
    if (object.kind === 'TLSRoute' && (spec.hostnames ?? []).includes(host))
      for (const rule of spec.rules ?? [])
        for (const backend of rule.backendRefs ?? []) {
          const service = all.find(
            (o) =>
              o.object.kind === 'Service' &&
              o.object.metadata.name === backend.name &&
              o.namespace === (backend.namespace ?? namespace),
          );
          if (!service)
            return `TLSRoute ${object.metadata.name} sends ${host} to Service ${backend.name}, which is not emitted`;
          return portProblem(service.object, backend.port, all);
        }
    if (object.kind === 'Ingress')
      for (const rule of spec.rules ?? [])
        if (rule.host === host)
          for (const path of rule.http?.paths ?? []) {
            const backend = path.backend?.service;
            const service = all.find(
              (o) =>
                o.object.kind === 'Service' && o.object.metadata.name === backend?.name && o.namespace === namespace,
            );
            if (!service)
              return `Ingress ${object.metadata.name} sends ${host} to Service ${backend?.name}, which is not emitted`;
            return portProblem(service.object, backend.port?.number ?? backend.port?.name, all);
          }
  }
  return 'no emitted Service, route or declared external address serves this host';
}

/** Host names a LoadBalancer Service is published under (external-dns). */
function externalNames(service: K8sObject): string[] {
  const annotation = service.metadata.annotations?.['external-dns.alpha.kubernetes.io/hostname'];
  return annotation ? annotation.split(',').map((h) => h.trim()) : [];
}

function portProblem(
  service: K8sObject,
  port: number | string,
  all: { object: K8sObject; namespace: string }[],
): string | undefined {
  const spec = (service as Any).spec ?? {};
  const servicePort = (spec.ports ?? []).find((p: Any) => p.port === port || p.name === port);
  if (!servicePort) return `Service ${service.metadata.name} has no port ${port}`;
  const target = servicePort.targetPort ?? servicePort.port;
  const pods = all.filter(
    ({ object, namespace }) =>
      namespace === service.metadata.namespace &&
      podSpecOf(object) &&
      matches(spec.selector ?? {}, (object as Any).spec?.template?.metadata?.labels ?? {}),
  );
  if (pods.length === 0) return `Service ${service.metadata.name} selects no emitted pod`;
  const exposes = pods.some(({ object }) =>
    (podSpecOf(object)!.containers ?? []).some((c: Any) =>
      (c.ports ?? []).some((p: Any) => p.containerPort === target || p.name === target),
    ),
  );
  return exposes ? undefined : `no container behind Service ${service.metadata.name} exposes port ${target}`;
}

function podSpecOf(object: K8sObject): Any | undefined {
  return object.kind === 'StatefulSet' || object.kind === 'Deployment'
    ? (object as Any).spec?.template?.spec
    : undefined;
}

function containersOf(object: K8sObject): { container: Any; init: boolean; pod: Any }[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  return [
    ...(pod.initContainers ?? []).map((container: Any) => ({ container, init: true, pod })),
    ...(pod.containers ?? []).map((container: Any) => ({ container, init: false, pod })),
  ];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function id(object: K8sObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
