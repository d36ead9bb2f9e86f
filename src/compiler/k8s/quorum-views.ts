// Quorum nodes of one organization (validators and members it owns, in every Quorum network) and, when the
// network has privacy on, each node's Tessera. The genesis is not emitted here: it is the `<network>-genesis`
// ConfigMap the Quorum emitter writes (so there is one genesis, byte for byte, for every org).
import type { QuorumNetworkModel, QuorumNodeModel } from '../model/network-model.js';
import { IMAGES } from './images.js';
import { kubernetesName } from './names.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { containerResources, DEFAULT_RESOURCES, storageOf } from './resources.js';
import { SECRET_NAMES } from './secret-names.js';

export const TESSERA_PORTS = { p2p: 9000, q2t: 9101, thirdParty: 9080 } as const;
/** GoQuorum's Raft port: its default, not a spec field. */
export const RAFT_PORT = 50400;

export interface OwnedQuorumNode {
  network: QuorumNetworkModel;
  node: QuorumNodeModel;
  name: string;
  origin: (string | number)[];
}

export function genesisConfigMapName(network: QuorumNetworkModel): string {
  return kubernetesName(`${network.name}-genesis`);
}

export function ownedQuorumNodes(scope: OrganizationScope): OwnedQuorumNode[] {
  return scope.model.quorum.flatMap((network) =>
    (['validators', 'members'] as const).flatMap((list) =>
      network[list].flatMap((node, index) =>
        node.organization === scope.org.name
          ? [
              {
                network,
                node,
                name: kubernetesName(`${network.name}-${node.name}`),
                origin: ['quorum', network.name, list, index],
              },
            ]
          : [],
      ),
    ),
  );
}

export function quorumObjects(scope: OrganizationScope): PlannedObject[] {
  return ownedQuorumNodes(scope).flatMap((owned) => [
    ...nodeObjects(scope, owned),
    ...(owned.network.privacy ? tesseraObjects(scope, owned) : []),
  ]);
}

function nodeObjects(scope: OrganizationScope, { network, node, name, origin }: OwnedQuorumNode): PlannedObject[] {
  const tessera = `http://${name}-tessera.${scope.namespace}.svc.cluster.local:${TESSERA_PORTS.q2t}`;
  const raft = network.consensus === 'raft';
  const volumeMounts = [
    { name: 'data', mountPath: '/data' },
    { name: 'genesis', mountPath: '/etc/quorum/genesis', readOnly: true },
    { name: 'keys', mountPath: '/etc/quorum/keys', readOnly: true },
    ...(network.privacy && network.client === 'besu'
      ? [{ name: 'tessera', mountPath: '/etc/quorum/tessera', readOnly: true }]
      : []),
  ];
  const volumes = [
    { name: 'genesis', configMap: { name: genesisConfigMapName(network) } },
    { name: 'keys', secret: { secretName: SECRET_NAMES.quorumNodeKey(name), defaultMode: 256 } },
    ...(network.privacy && network.client === 'besu'
      ? [
          {
            name: 'tessera',
            secret: {
              secretName: SECRET_NAMES.tesseraKeys(name),
              defaultMode: 256,
              items: [{ key: 'tm.pub', path: 'tm.pub' }],
            },
          },
        ]
      : []),
  ];
  const common = {
    ...scope.meta(name, 'quorum-node'),
    selector: scope.selector(name, 'quorum-node'),
    p2pPort: node.p2pPort,
    rpcPort: node.rpcPort,
    resources: containerResources({}, DEFAULT_RESOURCES.quorumNode),
    storage: storageOf({}, DEFAULT_RESOURCES.quorumNode),
    storageClassName: scope.storageClassName,
    volumeMounts,
    volumes,
  };
  const workload: PlannedObject =
    network.client === 'besu'
      ? {
          template: 'besu-stateful-set',
          origin,
          view: {
            ...common,
            image: IMAGES.besu,
            args: [
              '--data-path=/data',
              '--genesis-file=/etc/quorum/genesis/genesis.json',
              '--node-private-key-file=/etc/quorum/keys/nodekey',
              `--p2p-port=${node.p2pPort}`,
              '--discovery-enabled=false',
              '--rpc-http-enabled',
              '--rpc-http-host=0.0.0.0',
              `--rpc-http-port=${node.rpcPort}`,
              `--rpc-http-api=ETH,NET,WEB3,${network.consensus === 'ibft' ? 'IBFT' : 'QBFT'}`,
              '--host-allowlist=*',
              '--min-gas-price=0',
              '--sync-mode=FULL',
              ...(network.privacy
                ? [
                    '--privacy-enabled',
                    `--privacy-url=${tessera}`,
                    '--privacy-public-key-file=/etc/quorum/tessera/tm.pub',
                  ]
                : []),
            ],
          },
        }
      : {
          template: 'goquorum-stateful-set',
          origin,
          view: {
            ...common,
            image: IMAGES.goquorum,
            args: [
              '--datadir=/data',
              '--nodekey=/etc/quorum/keys/nodekey',
              `--networkid=${network.chainId}`,
              '--nodiscover',
              '--syncmode=full',
              `--port=${node.p2pPort}`,
              '--http',
              '--http.addr=0.0.0.0',
              `--http.port=${node.rpcPort}`,
              `--http.api=admin,eth,net,web3,${raft ? 'raft' : 'istanbul'}`,
              '--http.vhosts=*',
              ...(raft ? ['--raft', `--raftport=${RAFT_PORT}`] : []),
              ...(network.privacy ? [`--ptm.url=${tessera}`] : []),
            ],
            // GoQuorum refuses to start without a transaction manager unless told to ignore it.
            env: network.privacy ? [] : [{ name: 'PRIVATE_CONFIG', value: 'ignore' }],
            ports: [
              { name: 'p2p', containerPort: node.p2pPort, protocol: 'TCP' },
              { name: 'rpc', containerPort: node.rpcPort, protocol: 'TCP' },
              ...(raft ? [{ name: 'raft', containerPort: RAFT_PORT, protocol: 'TCP' }] : []),
            ],
          },
        };
  return [
    {
      template: 'service',
      origin,
      view: {
        ...scope.meta(name, 'quorum-node'),
        selector: scope.selector(name, 'quorum-node'),
        ports: [
          { name: 'p2p', port: node.p2pPort, protocol: 'TCP' },
          ...(network.client === 'besu' ? [{ name: 'discovery', port: node.p2pPort, protocol: 'UDP' }] : []),
          { name: 'rpc', port: node.rpcPort, protocol: 'TCP' },
          ...(raft && network.client === 'goquorum' ? [{ name: 'raft', port: RAFT_PORT, protocol: 'TCP' }] : []),
        ],
      },
    },
    workload,
  ];
}

function tesseraObjects(scope: OrganizationScope, { network, node, name, origin }: OwnedQuorumNode): PlannedObject[] {
  const tesseraName = `${name}-tessera`;
  const others = [...network.validators, ...network.members].filter((other) => other !== node);
  const config = {
    useWhiteList: false,
    jdbc: {
      username: 'sa',
      password: '',
      url: 'jdbc:h2:/data/db;MODE=Oracle;TRACE_LEVEL_SYSTEM_OUT=0',
      autoCreateTables: true,
    },
    serverConfigs: [
      {
        app: 'ThirdParty',
        enabled: true,
        serverAddress: `http://0.0.0.0:${TESSERA_PORTS.thirdParty}`,
        communicationType: 'REST',
      },
      { app: 'Q2T', enabled: true, serverAddress: `http://0.0.0.0:${TESSERA_PORTS.q2t}`, communicationType: 'REST' },
      {
        app: 'P2P',
        enabled: true,
        // Advertised to the other Tesseras: the node's public host, which the org routes to this Service.
        serverAddress: `http://${node.host}:${TESSERA_PORTS.p2p}`,
        bindingAddress: `http://0.0.0.0:${TESSERA_PORTS.p2p}`,
        communicationType: 'REST',
      },
    ],
    peer: others.map((other) => ({ url: `http://${other.host}:${TESSERA_PORTS.p2p}` })),
    keys: { passwords: [], keyData: [{ privateKeyPath: '/keys/tm.key', publicKeyPath: '/keys/tm.pub' }] },
    alwaysSendTo: [],
  };
  return [
    {
      template: 'config-map',
      origin,
      view: {
        ...scope.meta(tesseraName, 'tessera'),
        data: { 'tessera-config.json': `${JSON.stringify(config, null, 2)}\n` },
      },
    },
    {
      template: 'service',
      origin,
      view: {
        ...scope.meta(tesseraName, 'tessera'),
        selector: scope.selector(tesseraName, 'tessera'),
        ports: [
          { name: 'p2p', port: TESSERA_PORTS.p2p, protocol: 'TCP' },
          { name: 'q2t', port: TESSERA_PORTS.q2t, protocol: 'TCP' },
          { name: 'thirdparty', port: TESSERA_PORTS.thirdParty, protocol: 'TCP' },
        ],
      },
    },
    {
      template: 'tessera-stateful-set',
      origin,
      view: {
        ...scope.meta(tesseraName, 'tessera'),
        selector: scope.selector(tesseraName, 'tessera'),
        image: IMAGES.tessera,
        p2pPort: TESSERA_PORTS.p2p,
        q2tPort: TESSERA_PORTS.q2t,
        thirdPartyPort: TESSERA_PORTS.thirdParty,
        configMap: tesseraName,
        resources: containerResources({}, DEFAULT_RESOURCES.tessera),
        storage: storageOf({}, DEFAULT_RESOURCES.tessera),
        storageClassName: scope.storageClassName,
        secrets: { keys: SECRET_NAMES.tesseraKeys(name) },
      },
    },
  ];
}
