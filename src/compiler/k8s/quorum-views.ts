// Quorum nodes of one organization (validators and members it owns, in every Quorum network), each network's
// genesis and node lists as ConfigMaps in the org's namespace, and, when the network has privacy on, each node's
// Tessera. The ConfigMaps hold the very bytes the bundle's quorum/<network>/ files hold (one emitter writes both),
// so every org's nodes start from the same genesis and dial the same enodes.
// Checked against Consensys quorum-kubernetes (helm/charts/besu-node and goquorum-node, node-statefulset.yaml at
// 2f5dbe3) and Besu's CLI (app/src/main/java/org/hyperledger/besu/cli: BesuCommand, DnsOptions).
import { isIPv4 } from 'node:net';
import { sha256Hex } from '../../bytes.js';
import type { QuorumNetworkModel, QuorumNodeModel } from '../model/network-model.js';
import { emitQuorumArtifacts } from '../quorum/emit-quorum-artifacts.js';
import { tesseraPeerUrl } from '../quorum/node-lists.js';
import { imageOf } from './images.js';
import { kubernetesName } from './names.js';
import type { OrganizationScope } from './organization-scope.js';
import type { PlannedObject } from './planned-object.js';
import { containerResources, resourceDefaults, storageOf } from './resources.js';
import { SECRET_NAMES } from './secret-names.js';

export const TESSERA_PORTS = { p2p: 9000, q2t: 9101, thirdParty: 9080 } as const;
/** GoQuorum's Raft port: its default, not a spec field. */
export const RAFT_PORT = 50400;

/** Where a node's pod finds its files: one folder per volume, so each mount is read-only and whole. */
const PATHS = {
  data: '/data',
  genesis: '/etc/quorum/genesis',
  peers: '/etc/quorum/peers',
  keys: '/etc/quorum/keys',
  tessera: '/etc/quorum/tessera',
} as const;

/**
 * The uid and gid of the `besu` user in Besu's image (docker/Dockerfile: `useradd --uid 1000`). Running as it, with
 * fsGroup 1000, lets the kubelet make the data volume group-writable and the 0400 node key group-readable for
 * it; quorum-kubernetes instead chowns the volume from an init container running as root, which the namespace's
 * Pod Security profile need not allow. The pod starts Besu itself, without the image's besu-entry.sh (which
 * chowns as root; see BESU_ADVERTISING_COMMAND).
 */
export const BESU_USER_ID = 1000;

/** The pod annotation holding the SHA-256 of the genesis.json a Besu node was started with. */
export const GENESIS_SHA256_ANNOTATION = 'netspec.io/genesis-sha256';

export interface OwnedQuorumNode {
  network: QuorumNetworkModel;
  node: QuorumNodeModel;
  name: string;
  origin: (string | number)[];
  validator: boolean;
}

/** A network's genesis and node lists, as the bundle holds them (emitQuorumArtifacts). */
type QuorumArtifacts = Readonly<Record<string, string>>;

export function genesisConfigMapName(network: QuorumNetworkModel): string {
  return kubernetesName(`${network.name}-genesis`);
}

/** static-nodes.json (and GoQuorum's permissioned-nodes.json) of a network. */
export function peersConfigMapName(network: QuorumNetworkModel): string {
  return kubernetesName(`${network.name}-peers`);
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
                // The model's Service name: the one the node's address (enodes, static nodes) names.
                name: node.serviceName,
                origin: ['quorum', network.name, list, index],
                validator: list === 'validators',
              },
            ]
          : [],
      ),
    ),
  );
}

export function quorumObjects(scope: OrganizationScope): PlannedObject[] {
  const owned = ownedQuorumNodes(scope);
  const networks = [...new Set(owned.map(({ network }) => network))];
  const files = new Map(networks.map((network) => [network, emitQuorumArtifacts(network)]));
  return [
    ...networks.flatMap((network) => networkConfigObjects(scope, network, files.get(network)!)),
    ...owned.flatMap((node) => [
      ...nodeObjects(scope, node, files.get(node.network)!),
      ...(node.network.privacy ? tesseraObjects(scope, node) : []),
    ]),
  ];
}

/**
 * The network's genesis and node lists, in every org that runs one of its nodes: a pod mounts only what its own
 * namespace holds. The bytes are the bundle's (emitQuorumArtifacts), so a reviewer reads them once.
 */
function networkConfigObjects(
  scope: OrganizationScope,
  network: QuorumNetworkModel,
  files: QuorumArtifacts,
): PlannedObject[] {
  const origin = ['quorum', network.name];
  const peers: Record<string, string> = { 'static-nodes.json': files['static-nodes.json']! };
  if (files['permissioned-nodes.json']) peers['permissioned-nodes.json'] = files['permissioned-nodes.json'];
  return [
    {
      template: 'config-map',
      origin,
      view: {
        ...scope.meta(genesisConfigMapName(network), 'quorum-node'),
        data: { 'genesis.json': files['genesis.json'] },
      },
    },
    {
      template: 'config-map',
      origin,
      view: { ...scope.meta(peersConfigMapName(network), 'quorum-node'), data: peers },
    },
  ];
}

function nodeObjects(scope: OrganizationScope, owned: OwnedQuorumNode, files: QuorumArtifacts): PlannedObject[] {
  const { network, node, name, origin } = owned;
  const besuPrivacy = network.privacy && network.client === 'besu';
  const volumeMounts = [
    { name: 'data', mountPath: PATHS.data },
    { name: 'genesis', mountPath: PATHS.genesis, readOnly: true },
    { name: 'peers', mountPath: PATHS.peers, readOnly: true },
    { name: 'keys', mountPath: PATHS.keys, readOnly: true },
    ...(besuPrivacy ? [{ name: 'tessera', mountPath: PATHS.tessera, readOnly: true }] : []),
  ];
  const volumes = [
    { name: 'genesis', configMap: { name: genesisConfigMapName(network) } },
    { name: 'peers', configMap: { name: peersConfigMapName(network) } },
    { name: 'keys', secret: { secretName: SECRET_NAMES.quorumNodeKey(name), defaultMode: 0o400 } },
    ...(besuPrivacy
      ? [
          {
            name: 'tessera',
            secret: {
              secretName: SECRET_NAMES.tesseraKeys(name),
              defaultMode: 0o400,
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
    resources: containerResources({}, resourceDefaults(scope, 'quorumNode')),
    storage: storageOf({}, resourceDefaults(scope, 'quorumNode')),
    storageClassName: scope.storageClassName,
    volumeMounts,
    volumes,
  };
  const raft = network.consensus === 'raft';
  const workload: PlannedObject =
    network.client === 'besu'
      ? {
          template: 'besu-stateful-set',
          origin,
          view: {
            ...common,
            image: imageOf(scope, 'besu'),
            userId: BESU_USER_ID,
            // A changed genesis (new QBFT transitions) changes the pod template, so the StatefulSet restarts the
            // node on it: Besu reads its genesis only at start, and every node must run the transitions before
            // the chain reaches their first block. The ConfigMap alone would change under a running node unseen.
            podAnnotations: { [GENESIS_SHA256_ANNOTATION]: sha256Hex(files['genesis.json']!) },
            command: BESU_ADVERTISING_COMMAND,
            env: [{ name: ADVERTISED_HOST_VARIABLE, value: node.address.host }],
            args: besuArgs(scope, owned),
          },
        }
      : {
          template: 'goquorum-stateful-set',
          origin,
          view: {
            ...common,
            image: imageOf(scope, 'goquorum'),
            init: goQuorumInit(),
            args: goQuorumArgs(scope, owned),
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

/** The Q2T URL a node sends private transactions to: its own Tessera's Service in the org's namespace. */
function tesseraQ2tUrl(scope: OrganizationScope, node: QuorumNodeModel): string {
  return `http://${node.tessera.serviceName}.${scope.namespace}.svc.cluster.local:${TESSERA_PORTS.q2t}`;
}

/** The variable the Besu container's start script reads the node's address host from. */
export const ADVERTISED_HOST_VARIABLE = 'NETSPEC_P2P_ADVERTISED_HOST';

/**
 * How a Besu container starts: resolve the node's address host to an IP, then run Besu advertising it.
 * Besu's enode must name the host other organizations dial (the node's `address`, the enode static-nodes.json
 * lists), not the pod IP Besu picks by default, which no peer in another cluster or behind a load balancer can
 * dial back. `--p2p-host` takes an IP only: P2PDiscoveryOptions documents it as an IP address, and
 * PeerDiscoveryAgent.validateConfiguration refuses anything InetAddresses.isInetAddress rejects ("valid
 * advertisement host required", hyperledger/besu#4380), even with discovery off. So the pod resolves the host
 * when it starts: the Service's ClusterIP in `cluster` mode, the load balancer's address in `loadBalancer` and
 * `gateway` mode (devp2p is exposed on a LoadBalancer there too), or the IP an explicit `address` names. The
 * enode's port is `--p2p-port`, the address port unless an explicit `address` names another.
 * A host that does not resolve yet (a load balancer still being provisioned, external-dns not yet synced) stops
 * the container with a message and the kubelet retries: advertising a wrong IP would be worse.
 * Besu's image is Ubuntu (docker/Dockerfile), so `sh`, `getent`, `head` and `cut` are there, and `besu` is on its
 * PATH (/opt/besu/bin). Running it directly skips the image's besu-entry.sh, which chowns Besu's paths and drops
 * root to the besu user: this pod starts as that user already.
 */
const BESU_ADVERTISING_COMMAND = [
  'sh',
  '-c',
  [
    `ip=$(getent ahostsv4 "$${ADVERTISED_HOST_VARIABLE}" | head -n 1 | cut -d ' ' -f 1)`,
    `if [ -z "$ip" ]; then echo "$${ADVERTISED_HOST_VARIABLE}, this node's address host, does not resolve yet" >&2; exit 1; fi`,
    'exec besu --p2p-host="$ip" "$@"',
  ].join('\n'),
  // $0 of the script; the container's args follow as "$@".
  'besu',
];

/**
 * Besu's command line (names as in BesuCommand and its options classes). Discovery stays off in a permissioned
 * network: the node dials exactly the static nodes. Their enodes name hosts, not IPs, which Besu resolves only
 * with `--Xdns-enabled=true`, and re-resolves when a Service or load balancer moves with
 * `--Xdns-update-enabled=true` (DnsOptions; quorum-kubernetes passes both).
 */
function besuArgs(scope: OrganizationScope, { network, node }: OwnedQuorumNode): string[] {
  return [
    `--data-path=${PATHS.data}`,
    `--genesis-file=${PATHS.genesis}/genesis.json`,
    `--node-private-key-file=${PATHS.keys}/nodekey`,
    `--static-nodes-file=${PATHS.peers}/static-nodes.json`,
    '--Xdns-enabled=true',
    '--Xdns-update-enabled=true',
    `--p2p-port=${node.p2pPort}`,
    // Listen on every interface: the advertised IP (a ClusterIP or a load balancer's) is not the pod's own.
    '--p2p-interface=0.0.0.0',
    // The start script gives --p2p-host; NONE keeps Besu from replacing it (AUTO picks DOCKER or KUBERNETES in a
    // pod, and KUBERNETES looks up a Service named `besu` through the API: NatService, KubernetesNatManager).
    '--nat-method=NONE',
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
          `--privacy-url=${tesseraQ2tUrl(scope, node)}`,
          `--privacy-public-key-file=${PATHS.tessera}/tm.pub`,
        ]
      : []),
  ];
}

/**
 * GoQuorum reads its node lists from its data folder only (node/config.go: static-nodes.json in `<datadir>/geth`;
 * permission/core: permissioned-nodes.json in `<datadir>`), so the init container copies them there after
 * `geth init` (idempotent for the same genesis), as quorum-kubernetes' goquorum-node does.
 */
function goQuorumInit(): string[] {
  const data = PATHS.data;
  return [
    'sh',
    '-c',
    [
      `geth init --datadir ${data} ${PATHS.genesis}/genesis.json`,
      `cp ${PATHS.peers}/static-nodes.json ${data}/geth/static-nodes.json`,
      `cp ${PATHS.peers}/permissioned-nodes.json ${data}/permissioned-nodes.json`,
    ].join(' && '),
  ];
}

/**
 * GoQuorum's command line. A BFT validator seals blocks only with `--mine --miner.threads 1` (quorum-kubernetes
 * goquorum-node passes both, with a zero gas price); Raft mints without them. `--permissioned` makes the node
 * accept only the enodes of permissioned-nodes.json. Raft peers are named by host only with `--raftdnsenable`.
 */
function goQuorumArgs(scope: OrganizationScope, { network, node, validator }: OwnedQuorumNode): string[] {
  const raft = network.consensus === 'raft';
  return [
    `--datadir=${PATHS.data}`,
    `--nodekey=${PATHS.keys}/nodekey`,
    `--networkid=${network.chainId}`,
    '--nodiscover',
    '--permissioned',
    '--syncmode=full',
    `--port=${node.p2pPort}`,
    goQuorumNat(node),
    '--http',
    '--http.addr=0.0.0.0',
    `--http.port=${node.rpcPort}`,
    `--http.api=admin,eth,net,web3,${raft ? 'raft' : 'istanbul'}`,
    '--http.vhosts=*',
    ...(raft ? ['--raft', `--raftport=${RAFT_PORT}`, '--raftdnsenable'] : []),
    ...(!raft && validator ? ['--mine', '--miner.threads=1', '--miner.gasprice=0'] : []),
    ...(network.privacy ? [`--ptm.url=${tesseraQ2tUrl(scope, node)}`] : []),
  ];
}

/**
 * What GoQuorum advertises in its enode. geth's `--nat extip:<IP>` takes an IP only (p2p/nat/nat.go Parse:
 * net.ParseIP, else "invalid IP address"), and the GoQuorum image (Alpine) offers no resolver netspec can rely on
 * to turn the address host into one at start, as the Besu pods do. So an `address` naming an IP is advertised
 * with extip; a host name is not advertised at all (`none`: no UPnP or NAT-PMP probing from a pod either). Peers
 * still reach the node: discovery is off, every node dials the host:port netspec lists in static-nodes.json, and
 * `--permissioned` admits a peer by its node id alone (core/types permissions: IsNodePermissioned compares
 * ID().String()), never by the IP its enode advertises. Only admin_nodeInfo shows the local fallback IP.
 */
function goQuorumNat(node: QuorumNodeModel): string {
  return isIPv4(node.address.host) ? `--nat=extip:${node.address.host}` : '--nat=none';
}

function tesseraObjects(scope: OrganizationScope, { network, node, name, origin }: OwnedQuorumNode): PlannedObject[] {
  const tesseraName = node.tessera.serviceName;
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
        // Advertised to the other Tesseras: the URL they have for it in their own peer lists.
        serverAddress: tesseraPeerUrl(node),
        bindingAddress: `http://0.0.0.0:${TESSERA_PORTS.p2p}`,
        communicationType: 'REST',
      },
    ],
    peer: others.map((other) => ({ url: tesseraPeerUrl(other) })),
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
        image: imageOf(scope, 'tessera'),
        p2pPort: TESSERA_PORTS.p2p,
        q2tPort: TESSERA_PORTS.q2t,
        thirdPartyPort: TESSERA_PORTS.thirdParty,
        configMap: tesseraName,
        resources: containerResources({}, resourceDefaults(scope, 'tessera')),
        storage: storageOf({}, resourceDefaults(scope, 'tessera')),
        storageClassName: scope.storageClassName,
        secrets: { keys: SECRET_NAMES.tesseraKeys(name) },
      },
    },
  ];
}
