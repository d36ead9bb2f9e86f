// Fabric workloads of one organization: its CA, peers (with CouchDB when chosen), orderers, and the
// chaincode-as-a-service servers of every chaincode on a channel it is a member of.
import { ccaasConnectionJson, ccaasMetadataJson, ccaasPackageOf } from '../fabric/package/ccaas-package.js';
import { FABRIC_NODE_IMAGES, IMAGES } from './images.js';
import { kubernetesName } from './names.js';
import type { OrganizationScope } from './organization-scope.js';
import { usesNodeOUs } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { containerResources, DEFAULT_RESOURCES, storageOf } from './resources.js';
import { mspItems, SECRET_NAMES } from './secret-names.js';

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
  const origin = ['organizations', org.name, 'ca'];
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
        image: IMAGES.fabricCa,
        caName: ca.name,
        host: ca.host,
        port: ca.port,
        operationsPort: CA_OPERATIONS_PORT,
        resources: containerResources(ca.resources, DEFAULT_RESOURCES.ca),
        storage: storageOf(ca.resources, DEFAULT_RESOURCES.ca),
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
  const items = mspItems(usesNodeOUs(org));
  return [
    builders,
    ...org.peers.flatMap((peer, index): PlannedObject[] => {
      const origin = ['organizations', org.name, 'peers', index];
      // Gossip bootstraps from another peer of the same org (itself when it is the only one).
      const sibling = org.peers[(index + 1) % org.peers.length] ?? peer;
      const couchdb = peer.stateDatabase === 'couchdb';
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
            image: FABRIC_NODE_IMAGES[scope.model.fabricVersion].peer,
            mspId: org.mspId,
            host: peer.host,
            port: peer.port,
            operationsPort: peer.operationsPort,
            gossipBootstrap: `${sibling.host}:${sibling.port}`,
            couchdb,
            couchdbImage: IMAGES.couchdb,
            couchdbResources: containerResources({}, DEFAULT_RESOURCES.couchdb),
            couchdbStorage: storageOf({}, DEFAULT_RESOURCES.couchdb),
            buildersConfigMap: PEER_BUILDERS_CONFIG_MAP,
            resources: containerResources(peer.resources, DEFAULT_RESOURCES.peer),
            storage: storageOf(peer.resources, DEFAULT_RESOURCES.peer),
            storageClassName: scope.storageClassName,
            mspItems: items,
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
  const items = mspItems(usesNodeOUs(org));
  return org.orderers.flatMap((orderer, index): PlannedObject[] => {
    const origin = ['organizations', org.name, 'orderers', index];
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
          image: FABRIC_NODE_IMAGES[scope.model.fabricVersion].orderer,
          mspId: org.mspId,
          port: orderer.port,
          adminPort: orderer.adminPort,
          operationsPort: orderer.operationsPort,
          resources: containerResources(orderer.resources, DEFAULT_RESOURCES.orderer),
          storage: storageOf(orderer.resources, DEFAULT_RESOURCES.orderer),
          storageClassName: scope.storageClassName,
          mspItems: items,
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
          resources: containerResources(server.resources, DEFAULT_RESOURCES.chaincode),
        },
      },
    ];
  });
}
