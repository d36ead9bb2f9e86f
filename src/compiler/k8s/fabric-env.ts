// The environment of Fabric's containers: each variable sets one key of the config file the image ships, named the
// way Fabric's viper maps it (prefix, then the key's path upper-cased with '.' as '_'). Checked against Fabric
// 2.5's sampleconfig/core.yaml, core/peer/config.go and internal/peer/node/start.go (peer), sampleconfig/orderer.yaml
// and orderer/common/localconfig/config.go (orderer), and fabric-ca 1.5's cmd/fabric-ca-server/config.go and
// lib/serverconfig.go (CA); compared with fabric-samples test-network-k8s (kube/org1/org1-peer1.yaml).
import type { CaModel, OrdererModel, OrganizationModel, PeerModel } from '../model/network-model.js';
import { formatAddress } from '../model/node-address.js';
import { SECRET_NAMES } from './secret-names.js';

export type EnvVar =
  | { name: string; value: string }
  | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

/** Where the peer's pod mounts what it reads. */
export const PEER_PATHS = {
  /** FABRIC_CFG_PATH: core.yaml as the init container writes it (see peer-core-yaml.ts). */
  config: '/var/hyperledger/config',
  msp: '/etc/hyperledger/fabric/msp',
  tls: '/etc/hyperledger/fabric/tls',
  data: '/var/hyperledger/production',
} as const;

export const ORDERER_PATHS = {
  msp: '/var/hyperledger/orderer/msp',
  tls: '/var/hyperledger/orderer/tls',
  data: '/var/hyperledger/production/orderer',
} as const;

/** The port the peer's chaincode server listens on (core.yaml's default, 7052): ccaas never dials it. */
export const PEER_CHAINCODE_PORT = 7052;

/** `host:port` other organizations and the org's own peers use to reach a node (the model's one address). */
function addressOf(node: PeerModel): string {
  return formatAddress(node.address);
}

export function peerEnv(
  org: OrganizationModel,
  peer: PeerModel,
  bootstrap: PeerModel,
  couchdbSecret: string | null,
): EnvVar[] {
  const tls = (file: string) => `${PEER_PATHS.tls}/${file}`;
  const env: EnvVar[] = [
    { name: 'FABRIC_CFG_PATH', value: PEER_PATHS.config },
    // peer.id, peer.localMspId, peer.mspConfigPath
    { name: 'CORE_PEER_ID', value: peer.host },
    { name: 'CORE_PEER_LOCALMSPID', value: org.mspId },
    { name: 'CORE_PEER_MSPCONFIGPATH', value: PEER_PATHS.msp },
    // peer.listenAddress / peer.chaincodeListenAddress: every interface of the pod. Unset, the chaincode server
    // listens on the host of peer.address, which no pod owns ("lookup … no such host").
    { name: 'CORE_PEER_LISTENADDRESS', value: `0.0.0.0:${peer.port}` },
    { name: 'CORE_PEER_CHAINCODELISTENADDRESS', value: `0.0.0.0:${PEER_CHAINCODE_PORT}` },
    // peer.address: what the org's own peers dial; peer.gossip.externalEndpoint: what other orgs' peers dial
    // (published through gossip); peer.gossip.bootstrap: a peer of the same org.
    { name: 'CORE_PEER_ADDRESS', value: addressOf(peer) },
    { name: 'CORE_PEER_GOSSIP_EXTERNALENDPOINT', value: addressOf(peer) },
    { name: 'CORE_PEER_GOSSIP_BOOTSTRAP', value: addressOf(bootstrap) },
    // peer.tls.*
    { name: 'CORE_PEER_TLS_ENABLED', value: 'true' },
    { name: 'CORE_PEER_TLS_CERT_FILE', value: tls('tls.crt') },
    { name: 'CORE_PEER_TLS_KEY_FILE', value: tls('tls.key') },
    { name: 'CORE_PEER_TLS_ROOTCERT_FILE', value: tls('ca.crt') },
    { name: 'CORE_PEER_FILESYSTEMPATH', value: PEER_PATHS.data },
    // operations.*: TLS with the node's own pair. /healthz needs no client certificate; /metrics and /logspec
    // need one from the org's TLS CA (core/operations/system.go).
    { name: 'CORE_OPERATIONS_LISTENADDRESS', value: `0.0.0.0:${peer.operationsPort}` },
    { name: 'CORE_OPERATIONS_TLS_ENABLED', value: 'true' },
    { name: 'CORE_OPERATIONS_TLS_CERT_FILE', value: tls('tls.crt') },
    { name: 'CORE_OPERATIONS_TLS_KEY_FILE', value: tls('tls.key') },
    { name: 'CORE_OPERATIONS_TLS_CLIENTAUTHREQUIRED', value: 'false' },
    { name: 'CORE_OPERATIONS_TLS_CLIENTROOTCAS_FILES', value: tls('ca.crt') },
    { name: 'CORE_METRICS_PROVIDER', value: 'prometheus' },
  ];
  if (couchdbSecret)
    env.push(
      { name: 'CORE_LEDGER_STATE_STATEDATABASE', value: 'CouchDB' },
      { name: 'CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS', value: 'localhost:5984' },
      {
        name: 'CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME',
        valueFrom: { secretKeyRef: { name: couchdbSecret, key: 'username' } },
      },
      {
        name: 'CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD',
        valueFrom: { secretKeyRef: { name: couchdbSecret, key: 'password' } },
      },
    );
  else env.push({ name: 'CORE_LEDGER_STATE_STATEDATABASE', value: 'goleveldb' });
  return env;
}

export function ordererEnv(org: OrganizationModel, orderer: OrdererModel): EnvVar[] {
  const tls = (file: string) => `${ORDERER_PATHS.tls}/${file}`;
  // orderer.yaml lists ([]string) are read from the environment in Fabric's bracketed form.
  const list = (file: string) => `[${tls(file)}]`;
  return [
    // General.*
    { name: 'ORDERER_GENERAL_LISTENADDRESS', value: '0.0.0.0' },
    { name: 'ORDERER_GENERAL_LISTENPORT', value: String(orderer.port) },
    { name: 'ORDERER_GENERAL_LOCALMSPID', value: org.mspId },
    { name: 'ORDERER_GENERAL_LOCALMSPDIR', value: ORDERER_PATHS.msp },
    // No system channel: channels are joined through the participation API (ChannelParticipation, Admin).
    { name: 'ORDERER_GENERAL_BOOTSTRAPMETHOD', value: 'none' },
    { name: 'ORDERER_GENERAL_TLS_ENABLED', value: 'true' },
    { name: 'ORDERER_GENERAL_TLS_CERTIFICATE', value: tls('tls.crt') },
    { name: 'ORDERER_GENERAL_TLS_PRIVATEKEY', value: tls('tls.key') },
    { name: 'ORDERER_GENERAL_TLS_ROOTCAS', value: list('ca.crt') },
    // General.Cluster.*: Raft/BFT traffic shares the general listener, with the node's TLS pair as client.
    { name: 'ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE', value: tls('tls.crt') },
    { name: 'ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY', value: tls('tls.key') },
    { name: 'ORDERER_GENERAL_CLUSTER_ROOTCAS', value: list('ca.crt') },
    { name: 'ORDERER_FILELEDGER_LOCATION', value: ORDERER_PATHS.data },
    { name: 'ORDERER_CHANNELPARTICIPATION_ENABLED', value: 'true' },
    // Admin.*: osnadmin, mutual TLS with clients of the org's TLS CA.
    { name: 'ORDERER_ADMIN_LISTENADDRESS', value: `0.0.0.0:${orderer.adminPort}` },
    { name: 'ORDERER_ADMIN_TLS_ENABLED', value: 'true' },
    { name: 'ORDERER_ADMIN_TLS_CERTIFICATE', value: tls('tls.crt') },
    { name: 'ORDERER_ADMIN_TLS_PRIVATEKEY', value: tls('tls.key') },
    { name: 'ORDERER_ADMIN_TLS_ROOTCAS', value: list('ca.crt') },
    { name: 'ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED', value: 'true' },
    { name: 'ORDERER_ADMIN_TLS_CLIENTROOTCAS', value: list('ca.crt') },
    // Operations.*: as the peer's (/healthz open, /metrics and /logspec need a client certificate).
    { name: 'ORDERER_OPERATIONS_LISTENADDRESS', value: `0.0.0.0:${orderer.operationsPort}` },
    { name: 'ORDERER_OPERATIONS_TLS_ENABLED', value: 'true' },
    { name: 'ORDERER_OPERATIONS_TLS_CERTIFICATE', value: tls('tls.crt') },
    { name: 'ORDERER_OPERATIONS_TLS_PRIVATEKEY', value: tls('tls.key') },
    { name: 'ORDERER_OPERATIONS_TLS_CLIENTAUTHREQUIRED', value: 'false' },
    { name: 'ORDERER_OPERATIONS_TLS_CLIENTROOTCAS', value: list('ca.crt') },
    { name: 'ORDERER_METRICS_PROVIDER', value: 'prometheus' },
  ];
}

/** fabric-ca-server reads FABRIC_CA_SERVER_<key path> for every key of fabric-ca-server-config.yaml. */
export function caEnv(ca: CaModel, paths: { caPath: string; tlsPath: string; operationsPort: number }): EnvVar[] {
  const bootstrap = (key: string) => ({ secretKeyRef: { name: SECRET_NAMES.caBootstrap(ca.name), key } });
  return [
    { name: 'FABRIC_CA_HOME', value: '/var/hyperledger/fabric-ca-server' },
    { name: 'FABRIC_CA_SERVER_CA_NAME', value: ca.name },
    { name: 'FABRIC_CA_SERVER_PORT', value: String(ca.port) },
    { name: 'FABRIC_CA_SERVER_CSR_HOSTS', value: ca.host },
    { name: 'FABRIC_CA_SERVER_CA_CERTFILE', value: `${paths.caPath}/cert.pem` },
    { name: 'FABRIC_CA_SERVER_CA_KEYFILE', value: `${paths.caPath}/key.pem` },
    { name: 'FABRIC_CA_SERVER_TLS_ENABLED', value: 'true' },
    { name: 'FABRIC_CA_SERVER_TLS_CERTFILE', value: `${paths.tlsPath}/tls.crt` },
    { name: 'FABRIC_CA_SERVER_TLS_KEYFILE', value: `${paths.tlsPath}/tls.key` },
    // operations.*: fabric-ca reads operations.tls.cert.file and key.file explicitly (config.go).
    { name: 'FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS', value: `0.0.0.0:${paths.operationsPort}` },
    { name: 'FABRIC_CA_SERVER_OPERATIONS_TLS_ENABLED', value: 'true' },
    { name: 'FABRIC_CA_SERVER_OPERATIONS_TLS_CERT_FILE', value: `${paths.tlsPath}/tls.crt` },
    { name: 'FABRIC_CA_SERVER_OPERATIONS_TLS_KEY_FILE', value: `${paths.tlsPath}/tls.key` },
    { name: 'FABRIC_CA_SERVER_METRICS_PROVIDER', value: 'prometheus' },
    { name: 'BOOTSTRAP_USER', valueFrom: bootstrap('username') },
    { name: 'BOOTSTRAP_PASSWORD', valueFrom: bootstrap('password') },
  ];
}
