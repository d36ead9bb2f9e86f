// Fabric workloads of one organization: its CA, peers (with CouchDB when chosen), orderers, and the
// chaincode-as-a-service servers of every chaincode on a channel it is a member of.
import { ccaasConnectionJson, ccaasMetadataJson, ccaasPackageOf } from '../fabric/package/ccaas-package.js';
import { caEnv, ORDERER_PATHS, ordererEnv, PEER_PATHS, peerEnv } from './fabric-env.js';
import { imageOf, imagePullSecretsOf } from './images.js';
import { kubernetesName } from './names.js';
import { caSigningFiles, caTlsFiles, type MountedFile, NODE_TLS_FILES, nodeMspFiles } from './node-msp.js';
import type { OrganizationScope } from './organization-scope.js';
import { coreYamlScript, IMAGE_CORE_YAML } from './peer-core-yaml.js';
import type { PlannedObject } from './planned-object.js';
import { containerResources, INIT_CONTAINER_RESOURCES, resourceDefaults, storageOf } from './resources.js';
import { SECRET_NAMES } from './secret-names.js';

/** Fabric CA's operations endpoint (/healthz); fabric-ca-server's default, not a spec field. */
export const CA_OPERATIONS_PORT = 9443;

/** The peers' external builder: Fabric 2.5 images ship the ccaas builder at this path. */
export const CCAAS_BUILDER = {
  name: 'ccaas_builder',
  path: '/opt/hyperledger/ccaas_builder',
  propagateEnvironment: ['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'],
};

export const PEER_BUILDERS_CONFIG_MAP = 'peer-external-builders';

export function caObjects(scope: OrganizationScope): PlannedObject[] {
  const { org } = scope;
  const ca = org.ca;
  // No `ca:` in the spec: the org runs its CA elsewhere (or none), so nothing is deployed for it.
  if (ca.omitted) return [];
  const origin = ['organizations', org.name, 'ca'];
  const caPath = '/etc/hyperledger/fabric-ca/ca';
  const tlsPath = '/etc/hyperledger/fabric-ca/tls';
  return [
    {
      template: 'service',
      origin,
      view: {
        ...scope.meta(ca.name, 'ca'),
        selector: scope.selector(ca.name, 'ca'),
        ports: [
          { name: 'ca', port: ca.port, protocol: 'TCP' },
          { name: 'operations', port: CA_OPERATIONS_PORT, protocol: 'TCP' },
        ],
      },
    },
    {
      template: 'ca-stateful-set',
      origin,
      view: {
        ...scope.meta(ca.name, 'ca'),
        selector: scope.selector(ca.name, 'ca'),
        image: imageOf(scope, 'ca'),
        imagePullSecrets: imagePullSecretsOf(scope),
        port: ca.port,
        operationsPort: CA_OPERATIONS_PORT,
        env: caEnv(ca, { caPath, tlsPath, operationsPort: CA_OPERATIONS_PORT }),
        caPath,
        tlsPath,
        caItems: itemsOf(caSigningFiles(org)),
        tlsItems: itemsOf(caTlsFiles(ca)),
        resources: containerResources(ca.resources, resourceDefaults(scope, 'ca')),
        storage: storageOf(ca.resources, resourceDefaults(scope, 'ca')),
        storageClassName: scope.storageClassName,
        secrets: {
          ca: SECRET_NAMES.caSigning(ca.name),
          tls: SECRET_NAMES.caTls(ca.name),
          bootstrap: SECRET_NAMES.caBootstrap(ca.name),
        },
      },
    },
  ];
}

export function peerObjects(scope: OrganizationScope): PlannedObject[] {
  const { org } = scope;
  if (org.peers.length === 0) return [];
  const builders: PlannedObject = {
    template: 'config-map',
    origin: ['organizations', org.name, 'peers'],
    view: {
      ...scope.meta(PEER_BUILDERS_CONFIG_MAP, 'peer'),
      // Read by the peers through envFrom: Fabric maps CORE_CHAINCODE_EXTERNALBUILDERS onto core.yaml's
      // chaincode.externalBuilders, so the image's core.yaml needs no replacing.
      data: { CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([CCAAS_BUILDER]) },
    },
  };
  return [
    builders,
    ...org.peers.flatMap((peer, index): PlannedObject[] => {
      const origin = ['organizations', org.name, 'peers', index];
      // Gossip bootstraps from another peer of the same org (itself when it is the only one).
      const sibling = org.peers[(index + 1) % org.peers.length] ?? peer;
      const couchdb = peer.stateDatabase === 'couchdb';
      const resources = resourceDefaults(scope, 'peer');
      const couchdbResources = resourceDefaults(scope, 'couchdb');
      return [
        {
          template: 'service',
          origin,
          view: {
            ...scope.meta(peer.name, 'peer'),
            selector: scope.selector(peer.name, 'peer'),
            ports: [
              { name: 'peer', port: peer.port, protocol: 'TCP' },
              { name: 'operations', port: peer.operationsPort, protocol: 'TCP' },
            ],
          },
        },
        {
          template: 'peer-stateful-set',
          origin,
          view: {
            ...scope.meta(peer.name, 'peer'),
            selector: scope.selector(peer.name, 'peer'),
            image: imageOf(scope, 'peer'),
            imagePullSecrets: imagePullSecretsOf(scope),
            port: peer.port,
            operationsPort: peer.operationsPort,
            env: peerEnv(org, peer, sibling, couchdb ? SECRET_NAMES.couchdb(peer.name) : null),
            coreYamlScript: coreYamlScript(IMAGE_CORE_YAML, `${PEER_PATHS.config}/core.yaml`),
            initResources: INIT_CONTAINER_RESOURCES,
            configPath: PEER_PATHS.config,
            mspPath: PEER_PATHS.msp,
            tlsPath: PEER_PATHS.tls,
            couchdb,
            couchdbImage: imageOf(scope, 'couchdb'),
            couchdbResources: containerResources({}, couchdbResources),
            couchdbStorage: storageOf({}, couchdbResources),
            buildersConfigMap: PEER_BUILDERS_CONFIG_MAP,
            resources: containerResources(peer.resources, resources),
            storage: storageOf(peer.resources, resources),
            storageClassName: scope.storageClassName,
            mspItems: itemsOf(nodeMspFiles(org, peer.host)),
            tlsItems: itemsOf(NODE_TLS_FILES),
            secrets: {
              msp: SECRET_NAMES.nodeMsp(peer.name),
              tls: SECRET_NAMES.nodeTls(peer.name),
              couchdb: couchdb ? SECRET_NAMES.couchdb(peer.name) : null,
            },
          },
        },
      ];
    }),
  ];
}

export function ordererObjects(scope: OrganizationScope): PlannedObject[] {
  const { org } = scope;
  return org.orderers.flatMap((orderer, index): PlannedObject[] => {
    const origin = ['organizations', org.name, 'orderers', index];
    const resources = resourceDefaults(scope, 'orderer');
    return [
      {
        template: 'service',
        origin,
        view: {
          ...scope.meta(orderer.name, 'orderer'),
          selector: scope.selector(orderer.name, 'orderer'),
          ports: [
            { name: 'orderer', port: orderer.port, protocol: 'TCP' },
            { name: 'admin', port: orderer.adminPort, protocol: 'TCP' },
            { name: 'operations', port: orderer.operationsPort, protocol: 'TCP' },
          ],
        },
      },
      {
        template: 'orderer-stateful-set',
        origin,
        view: {
          ...scope.meta(orderer.name, 'orderer'),
          selector: scope.selector(orderer.name, 'orderer'),
          image: imageOf(scope, 'orderer'),
          imagePullSecrets: imagePullSecretsOf(scope),
          port: orderer.port,
          adminPort: orderer.adminPort,
          operationsPort: orderer.operationsPort,
          env: ordererEnv(org, orderer),
          mspPath: ORDERER_PATHS.msp,
          tlsPath: ORDERER_PATHS.tls,
          resources: containerResources(orderer.resources, resources),
          storage: storageOf(orderer.resources, resources),
          storageClassName: scope.storageClassName,
          mspItems: itemsOf(nodeMspFiles(org, orderer.host)),
          tlsItems: itemsOf(NODE_TLS_FILES),
          secrets: { msp: SECRET_NAMES.nodeMsp(orderer.name), tls: SECRET_NAMES.nodeTls(orderer.name) },
        },
      },
    ];
  });
}

/** The chaincode servers this org runs: chaincodes with a `server` on channels it is a member of, if it has peers. */
export function chaincodeServers(scope: OrganizationScope) {
  const { model, org } = scope;
  if (org.peers.length === 0) return [];
  const memberOf = new Set(model.channels.filter((c) => c.members.includes(org.name)).map((c) => c.name));
  return model.chaincodes.flatMap((chaincode, index) =>
    chaincode.server && memberOf.has(chaincode.channel)
      ? [
          {
            chaincode,
            server: chaincode.server,
            index,
            name: kubernetesName(`cc-${chaincode.channel}-${chaincode.name}`),
          },
        ]
      : [],
  );
}

export function chaincodeObjects(scope: OrganizationScope): PlannedObject[] {
  return chaincodeServers(scope).flatMap(({ chaincode, server, index, name }): PlannedObject[] => {
    const origin = ['chaincodes', index, 'server'];
    // The spec's address when the server is reached through another name (another namespace, outside the
    // cluster); otherwise the Service below, in this org's namespace.
    const address = server.address ?? `${name}.${scope.namespace}.svc.cluster.local:${server.port}`;
    // The two files of a ccaas package: what the org installs on its peers. TLS between peer and chaincode is off
    // because the NetworkPolicy admits only this namespace's peers to the chaincode port.
    const connectionJson = ccaasConnectionJson(address);
    const metadataJson = ccaasMetadataJson(chaincode.name, chaincode.version);
    return [
      {
        template: 'config-map',
        origin,
        view: {
          ...scope.meta(name, 'chaincode'),
          data: { 'connection.json': connectionJson, 'metadata.json': metadataJson },
        },
      },
      {
        template: 'config-map',
        origin,
        view: {
          ...scope.meta(`${name}-package`, 'chaincode'),
          // The package bytes are deterministic, so its id is known now: the server runs under the very id the
          // org installs and approves (CHAINCODE_ID), with no step between apply and the Deployment.
          data: { packageId: ccaasPackageOf(metadataJson, connectionJson).packageId },
        },
      },
      {
        template: 'service',
        origin,
        view: {
          ...scope.meta(name, 'chaincode'),
          selector: scope.selector(name, 'chaincode'),
          ports: [{ name: 'chaincode', port: server.port, protocol: 'TCP' }],
        },
      },
      {
        template: 'chaincode-deployment',
        origin,
        view: {
          ...scope.meta(name, 'chaincode'),
          selector: scope.selector(name, 'chaincode'),
          image: server.image,
          replicas: server.replicas,
          port: server.port,
          packageConfigMap: `${name}-package`,
          resources: containerResources(server.resources, resourceDefaults(scope, 'chaincode')),
        },
      },
    ];
  });
}

/** A Secret volume's items: each key mounted at the path Fabric reads. */
function itemsOf(files: readonly MountedFile[]): { key: string; path: string }[] {
  return files.map(({ key, path }) => ({ key, path }));
}
