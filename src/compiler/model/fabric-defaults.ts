// Fabric 2.5 defaults, as Fabric's sample configtx.yaml (sampleconfig, v2.5) sets them. A spec that omits a
// value gets exactly what configtxgen would have produced, so netspec's channels look like everyone else's.

export const DEFAULT_CAPABILITIES = { channel: 'V2_0', orderer: 'V2_0', application: 'V2_5' } as const;

export const DEFAULT_CHANNEL_POLICIES: Readonly<Record<string, string>> = {
  Readers: 'ANY Readers',
  Writers: 'ANY Writers',
  Admins: 'MAJORITY Admins',
};

export const DEFAULT_ORDERER_POLICIES: Readonly<Record<string, string>> = {
  Readers: 'ANY Readers',
  Writers: 'ANY Writers',
  Admins: 'MAJORITY Admins',
  BlockValidation: 'ANY Writers',
};

export const DEFAULT_APPLICATION_POLICIES: Readonly<Record<string, string>> = {
  LifecycleEndorsement: 'MAJORITY Endorsement',
  Endorsement: 'MAJORITY Endorsement',
  Readers: 'ANY Readers',
  Writers: 'ANY Writers',
  Admins: 'MAJORITY Admins',
};

export const DEFAULT_ACLS: Readonly<Record<string, string>> = {
  '_lifecycle/CheckCommitReadiness': '/Channel/Application/Writers',
  '_lifecycle/CommitChaincodeDefinition': '/Channel/Application/Writers',
  '_lifecycle/QueryChaincodeDefinition': '/Channel/Application/Writers',
  '_lifecycle/QueryChaincodeDefinitions': '/Channel/Application/Writers',
  'lscc/ChaincodeExists': '/Channel/Application/Readers',
  'lscc/GetDeploymentSpec': '/Channel/Application/Readers',
  'lscc/GetChaincodeData': '/Channel/Application/Readers',
  'lscc/GetInstantiatedChaincodes': '/Channel/Application/Readers',
  'qscc/GetChainInfo': '/Channel/Application/Readers',
  'qscc/GetBlockByNumber': '/Channel/Application/Readers',
  'qscc/GetBlockByHash': '/Channel/Application/Readers',
  'qscc/GetTransactionByID': '/Channel/Application/Readers',
  'qscc/GetBlockByTxID': '/Channel/Application/Readers',
  'cscc/GetConfigBlock': '/Channel/Application/Readers',
  'cscc/GetChannelConfig': '/Channel/Application/Readers',
  'peer/Propose': '/Channel/Application/Writers',
  'peer/ChaincodeToChaincode': '/Channel/Application/Writers',
  'event/Block': '/Channel/Application/Readers',
  'event/FilteredBlock': '/Channel/Application/Readers',
};

export const DEFAULT_BATCH = {
  batchTimeout: '2s',
  maxMessageCount: 500,
  absoluteMaxBytes: 10 * 1024 * 1024,
  preferredMaxBytes: 2 * 1024 * 1024,
} as const;

export const DEFAULT_ETCDRAFT = {
  tickInterval: '500ms',
  electionTick: 10,
  heartbeatTick: 1,
  maxInflightBlocks: 5,
  snapshotIntervalSize: 16 * 1024 * 1024,
} as const;

/**
 * A BFT channel's capabilities: configtxgen refuses `OrdererType: BFT` without the channel capability V3_0
 * (Fabric 3 sampleconfig/configtx.yaml; orderer and application stay V2_0 and V2_5 there).
 */
export const DEFAULT_BFT_CAPABILITIES = { channel: 'V3_0', orderer: 'V2_0', application: 'V2_5' } as const;

/**
 * SmartBFT options as Fabric 3's sampleconfig/configtx.yaml (profile SampleAppChannelSmartBft) sets them.
 * configtxgen copies the profile as is and fills nothing, so the fields that profile leaves out stay zero
 * (request_batch_max_count/bytes: the v3 orderer uses BatchSize instead, orderer/consensus/smartbft/util.go).
 */
export const DEFAULT_SMARTBFT = {
  requestBatchMaxCount: 0,
  requestBatchMaxBytes: 0,
  requestBatchMaxInterval: '200ms',
  incomingMessageBufferSize: 200,
  requestPoolSize: 100000,
  requestForwardTimeout: '5s',
  requestComplainTimeout: '20s',
  requestAutoRemoveTimeout: '3m0s',
  requestMaxBytes: 0,
  viewChangeResendInterval: '5s',
  viewChangeTimeout: '20s',
  leaderHeartbeatTimeout: '1m0s',
  leaderHeartbeatCount: 10,
  collectTimeout: '1s',
  syncOnStart: false,
  speedUpViewChange: false,
  leaderRotation: 'ROTATION_UNSPECIFIED',
  decisionsPerLeader: 0,
} as const;

export const DEFAULT_PORTS = {
  peer: 7051,
  peerOperations: 9443,
  orderer: 7050,
  ordererAdmin: 7053,
  ordererOperations: 8443,
  ca: 7054,
  quorumP2p: 30303,
  quorumRpc: 8545,
  /** Tessera's default peer-to-peer port. */
  tesseraP2p: 9000,
} as const;

/**
 * Where `netspec crypto` writes an orderer's TLS certificate (cryptogen's layout), relative to the network.yaml:
 * the file an orderer without `tlsCert` is read from. Validation and the model must name the same file.
 */
export function defaultOrdererTlsCert(organization: string, host: string): string {
  return `crypto/${organization}/orderers/${host}/tls/server.crt`;
}

export const DEFAULT_NODE_OUS = {
  enabled: true,
  clientOU: 'client',
  peerOU: 'peer',
  adminOU: 'admin',
  ordererOU: 'orderer',
} as const;

export const DEFAULT_QUORUM = {
  blockPeriodSeconds: 5,
  epochLength: 30000,
  requestTimeoutSeconds: 10,
  gasLimit: '0x1fffffffffffff',
} as const;

/**
 * Org-level policies as Fabric's test network writes them. An org that runs orderers must let its orderer
 * identities read and write (block delivery and BlockValidation = ANY Writers of the orderer orgs).
 */
export function defaultOrganizationPolicies(
  mspId: string,
  isOperator: boolean,
  isParticipant: boolean,
): Record<string, string> {
  const principals = (...roles: string[]) => `OR(${roles.map((role) => `'${mspId}.${role}'`).join(', ')})`;
  if (!isParticipant) {
    return { Readers: principals('member'), Writers: principals('member'), Admins: principals('admin') };
  }
  const readers = ['admin', 'peer', 'client', ...(isOperator ? ['orderer'] : [])];
  const writers = ['admin', 'client', ...(isOperator ? ['orderer'] : [])];
  return {
    Readers: principals(...readers),
    Writers: principals(...writers),
    Admins: principals('admin'),
    Endorsement: principals('peer'),
  };
}
