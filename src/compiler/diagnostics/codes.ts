// The closed catalogue of diagnostic codes. Every finding netspec reports has exactly one code here;
// `allow` entries in a spec name these codes, so a code, once published, keeps its meaning.

export const DIAGNOSTIC_CODES = {
  // input file
  NS_FILE_NOT_FOUND: 'the spec file does not exist or cannot be read',
  NS_FILE_TOO_LARGE: 'the spec file is larger than netspec accepts',
  NS_FILE_BINARY: 'the spec file is not UTF-8 text',
  NS_EMPTY_SPEC: 'the spec file holds no document',
  // paths named on the command line (or derived from them), and the command line itself
  NS_PATH_MISSING: 'a path that must exist does not',
  NS_PATH_WRONG_KIND: 'a folder where a file belongs, a file where a folder belongs, or a path under a file',
  NS_PATH_UNWRITABLE: 'a path netspec may not read or write (permissions, read-only or busy file system)',
  NS_PATH_NOT_EMPTY: 'an output that would replace a file or folder netspec did not write',
  NS_INPUT_INVALID: 'a command-line value or input file the command cannot use',
  NS_INTERNAL_ERROR: 'a bug in netspec (please report it)',
  NS_KEY_TOKEN: 'a PKCS#11 token, or the key on it, cannot be used (URI, module, PIN, object, or the token failed)',
  // YAML
  NS_YAML_SYNTAX: 'the YAML does not parse',
  NS_DUPLICATE_KEY: 'a mapping repeats a key',
  NS_YAML_ALIAS_LIMIT: 'the document expands too many aliases',
  NS_YAML_UNDEFINED_ALIAS: 'an alias names no anchor defined before it',
  NS_YAML_INTEGER_PRECISION: 'an integer beyond 2^53, which would silently change when read',
  NS_YAML_MULTIPLE_DOCUMENTS: 'the file holds more than one YAML document',
  NS_FORBIDDEN_KEY: 'a key that could poison JavaScript objects',
  // schema
  NS_SCHEMA_UNKNOWN_KEY: 'a key the schema does not define',
  NS_SCHEMA_TYPE: 'a value of the wrong type',
  NS_SCHEMA_REQUIRED: 'a required field is missing',
  NS_SCHEMA_ENUM: 'a value outside the allowed set',
  NS_SCHEMA_FORMAT: 'a value that does not match the expected format',
  NS_SCHEMA_RANGE: 'a number or list size out of range',
  NS_SCHEMA_INVALID: 'a value the schema rejects',
  // semantic rules
  NS_PRIVATE_KEY_IN_SPEC: 'a private key pasted into the spec',
  NS_DUPLICATE_NAME: 'two things share a name that must be unique',
  NS_DUPLICATE_MSP_ID: 'two organizations share an MSP id',
  NS_DUPLICATE_ENDPOINT: 'two nodes share a host:port',
  NS_DUPLICATE_CHAINCODE: 'a chaincode name is defined twice on one channel',
  NS_UNKNOWN_ORG: 'a reference names no defined organization',
  NS_UNKNOWN_NODE: 'a reference names no defined peer or orderer',
  NS_UNKNOWN_CHANNEL: 'a chaincode names no defined channel',
  NS_ROLE_MISMATCH: 'an organization is used in a role it does not have',
  NS_POLICY_SYNTAX: 'a policy expression does not parse',
  NS_POLICY_UNKNOWN_MSP: 'a policy names an MSP that is not a member where it applies',
  NS_POLICY_KIND: 'an implicit-meta policy where only a signature policy works',
  NS_RAFT_SINGLE_CONSENTER: 'a Raft channel with one consenter has no fault tolerance',
  // Fabric 3 BFT channels
  NS_BFT_TOO_FEW_CONSENTERS: 'a BFT channel with fewer than 4 consenters tolerates no faulty consenter',
  NS_BFT_CONSENTER_COUNT: 'a BFT channel whose consenter count is not 3f+1 (more nodes, no more faults tolerated)',
  NS_BFT_CONSENTER_IDENTITY: 'a BFT consenter without a consenter id or identity certificate, or with a repeated id',
  NS_BFT_LEADER_ROTATION: 'SmartBFT leader rotation on, which the Fabric 3 orderer refuses',
  NS_BFT_BLOCK_VALIDATION_POLICY: "a BFT channel's BlockValidation policy written by hand (Fabric derives it)",
  NS_BFT_CAPABILITY: 'a BFT channel without the channel capability V3_0',
  NS_V3_NODE_VERSION: 'the channel capability V3_0 while the spec says nodes run Fabric 2.x',
  NS_V3_ORDERER_ENDPOINTS: 'an orderer organization of a V3_0 channel with no orderer endpoint to publish',
  NS_RAFT_EVEN_CONSENTERS: 'a Raft channel with an even number (or 2) of consenters',
  NS_BFT_TOO_FEW_VALIDATORS: 'a BFT network with fewer than 4 validators tolerates no fault',
  NS_QUORUM_DUPLICATE_VALIDATOR: 'a Quorum node public key is listed twice',
  NS_QUORUM_INVALID_KEY: 'a Quorum node public key is not a secp256k1 point',
  NS_QUORUM_INVALID_ADDRESS: 'a Quorum validator address is not 20 hex bytes (or fails its EIP-55 checksum)',
  NS_QUORUM_CHAIN_ID_CLASH: 'two Quorum networks share a chain id',
  NS_QUORUM_CONSENSUS_CLIENT: 'a consensus the chosen Quorum client does not implement',
  NS_GOQUORUM_END_OF_LIFE: 'a Quorum network on GoQuorum, which has reached end of life',
  NS_GOQUORUM_IBFT: 'ibft under GoQuorum, which is IBFT 1.0, not the IBFT 2.0 Besu runs',
  NS_BESU_PRIVACY_DEPRECATED: 'Tessera privacy under Besu, which Besu has deprecated',
  NS_QUORUM_BESU_QBFT_ONLY:
    'validator contracts or transitions outside Besu QBFT, the one client and consensus that has them',
  NS_QUORUM_VALIDATOR_CONTRACT_MISSING: 'contract validator selection from genesis without the contract in alloc',
  NS_QUORUM_TRANSITION_INVALID:
    'a QBFT transition Besu would refuse at start (same block twice, a mode without its address or validators)',
  NS_CERT_MISSING: 'a certificate file does not exist',
  NS_CERT_EXPIRING: 'a certificate the network depends on expires within the warning period, or has expired',
  NS_CERT_INVALID: 'a file does not parse as an X.509 certificate',
  NS_CERT_CHAIN: 'an admin identity does not chain to its organization CA',
  NS_CERT_ADMIN_OU: 'an admin identity lacks the admin OU while NodeOUs are enabled',
  NS_TLS_NAME_MISSING: "a node's TLS certificate does not name the address host other organizations dial",
  NS_EXPOSURE_INVALID: "an organization's exposure whose fields do not fit its mode, or an address it cannot route",
  NS_EGRESS_CIDRS_MISSING:
    'an organization in another cluster than one whose nodes it dials declares no kubernetes.egressCidrs (that port admits any source)',
  NS_DURATION_INVALID: 'a duration does not parse',
  NS_SIZE_INVALID: 'a size does not parse',
  NS_BATCH_SIZE_ORDER: 'preferredMaxBytes exceeds absoluteMaxBytes',
  NS_SECRET_INLINE: 'key material written inline where a secret reference belongs',
  NS_UNKNOWN_ALLOW_CODE: 'an allow entry names no known code',
  // Fabric CA users
  NS_USER_ATTRIBUTE_INVALID: 'a user attribute Fabric CA would refuse or reserves for itself (hf.*)',
  NS_CA_TLS_CERT_INVALID: "the CA's TLS root (ca.tlsCACert) is missing or not a CA certificate",
  NS_IDENTITY_INVALID:
    "a connection identity's certificate or private key (from the variables it names) does not parse",
  NS_IDENTITY_KEY_MISMATCH: "a connection identity's private key does not belong to its certificate",
  NS_IDENTITY_MISSING:
    'the identity a command acts as is not given: no connection identity for the organization, or a variable it names is unset',
  NS_IDENTITY_NOT_MEMBER: "a connection identity is not issued by a CA of its organization's MSP",
  NS_CA_IDENTITY_DRIFT: "an identity the CA holds with another type or affiliation than the spec's (apply --users)",
  NS_CA_REFUSED:
    'Fabric CA refused a request of apply --users (registrar not accepted, secret, affiliation), as it says',
  NS_CA_TLS_UNTRUSTED:
    "the CA's TLS certificate is not issued by the TLS root netspec trusts for it (ca.tlsCACert or the MSP's)",
  NS_CA_NOT_ORG_CA: "the CA sends no CA chain, or one that does not reach the organization's MSP root (another CA)",
  // Fabric protobuf and configtxlator JSON
  NS_FABRIC_UNKNOWN_TYPE: 'a message type that the Fabric protos do not define',
  NS_FABRIC_PROTO_INVALID: 'bytes that do not decode as the expected Fabric message',
  NS_FABRIC_JSON_INVALID: 'JSON that does not match the Fabric message (unknown field, wrong value)',
  NS_FABRIC_NO_CHANGES: 'the original and updated configs do not differ',
  NS_FABRIC_NOT_CONFIG_BLOCK: 'a block that does not carry a channel configuration',
  // live state (plan --state)
  NS_STATE_INVALID: 'a state file that does not have the shape the exporting tool writes',
  NS_STATE_WRONG_CHANNEL: 'a state config block that belongs to another channel',
  // plan
  NS_PLAN_CHAINCODE_SEQUENCE: 'a chaincode definition whose sequence does not follow the committed one',
  NS_PLAN_CHAINCODE_POLICY: 'a chaincode endorsement policy that cannot be expressed as a definition',
  NS_PLAN_CHAINCODE_REMOVED: 'a committed chaincode the spec no longer lists (Fabric cannot remove it)',
  // plan safety guards: each blocks the plan unless the spec's `allow` names its code
  NS_GUARD_CONSENTER_CHANGES: 'more than one Raft consenter change in one update',
  NS_GUARD_CONSENTERS_TOO_FEW: 'an update leaves fewer than 3 Raft consenters',
  NS_GUARD_CONSENTERS_EVEN: 'an update leaves an even number of Raft consenters',
  NS_GUARD_CONSENTER_QUORUM: 'an update removes so many consenters that the remaining ones lose quorum',
  NS_GUARD_LAST_ORDERER_ORG: 'an update removes the last orderer organization',
  NS_GUARD_LAST_ADMIN_ORG: 'an update removes the last application organization',
  NS_GUARD_IMPLICIT_META_EMPTY: 'an ImplicitMeta policy over no sub-groups (Fabric threshold 0: anyone satisfies it)',
  NS_GUARD_ORG_NEEDED_BY_CHAINCODE: "an update removes an org a chaincode's endorsement policy still names",
  NS_GUARD_CAPABILITY_DOWNGRADE: 'an update lowers a capability level',
  NS_GUARD_BFT_BLOCK_VALIDATION: 'a BFT channel update whose BlockValidation policy does not match its consenter set',
  NS_GUARD_BFT_CONSENTER_CHANGES: 'more than one BFT consenter added, removed or changed in one update',
  NS_GUARD_CONSENSUS_MIGRATION: "an update that breaks the orderer's maintenance-mode rules for a Raft → BFT migration",
  NS_GUARD_CONSENTER_ROTATIONS:
    'a Raft consenter TLS certificate rotated in the same update as another consenter change',
  NS_GUARD_ROOT_IN_USE: 'an update removes a CA root that a consenter, admin or node certificate still chains to',
  NS_GUARD_CONSENTER_CERT_EXPIRED: 'an update puts an already-expired TLS certificate into a consenter',
  NS_GUARD_CONSENTER_CERT_UNTRUSTED:
    "an update gives a Raft consenter a TLS certificate no orderer org's TLS root vouches for",
  NS_GUARD_QUORUM_TOO_FEW_VALIDATORS: 'a validator change leaves fewer than 4 BFT validators',
  NS_GUARD_QUORUM_MULTIPLE_CHANGES: 'more than one validator change in one plan',
  NS_GUARD_QUORUM_NO_FAULT_TOLERANCE: 'a validator change leaves f = floor((n-1)/3) at 0',
  NS_GUARD_QUORUM_TRANSITION_PASSED:
    'a QBFT transition added, changed or removed at a block the chain has already passed',
  NS_GUARD_QUORUM_CONTRACT_VALIDATORS:
    "the validator contract's live set differs from the spec's validators (votes cannot change it)",
  // governance: the bundle verify and sign judge, and its signatures
  NS_BUNDLE_INVALID:
    'a folder or plan.json that is not a bundle netspec plan writes (or one from before bundles were hashed)',
  NS_BUNDLE_TAMPERED:
    'a bundle file differs from what plan.json lists, or from what the spec and the live state produce',
  NS_BUNDLE_FILE_MISSING: 'a file plan.json lists, or the update a channel plan names, is missing from the bundle',
  NS_BUNDLE_FILE_UNLISTED: 'a file in the bundle that the plan did not write, or a link',
  NS_BUNDLE_OUTDATED: 'the spec and the live state now plan another change than the bundle carries',
  NS_SPEC_HASH_MISMATCH: 'the spec given is not the one the bundle was planned from (another spec hash or network)',
  NS_STATE_CHANNEL_MISSING: 'the live state holds no config block of a channel the bundle updates or signs',
  NS_UPDATE_STALE:
    'the live config moved past the sequence or versions the update was planned against (a read or write at an old version)',
  NS_UPDATE_INVALID:
    'update bytes the orderer would refuse (not a ConfigUpdate, another channel, no writes, no such policy)',
  NS_ENVELOPE_MISMATCH: "an envelope whose update is not the bundle's, or whose channel is not the config block's",
  NS_SIGNATURE_FILE_INVALID: 'a signature file, or an envelope signature header, that does not parse',
  NS_SIGNATURE_WRONG_MSP: 'a signature file named after one MSP that holds a signature of another',
  NS_SIGNATURE_INVALID: "a signature that does not verify over the update's bytes (made for other bytes, or altered)",
  NS_SIGNATURE_DUPLICATE: 'a further signature by an identity already counted',
  NS_SIGNER_NOT_MEMBER:
    'a signer certificate that is not a valid identity of the MSP it claims (another CA, revoked, no such MSP)',
  NS_SIGNER_NOT_ADMIN: 'a signer who is a member of the organization but not one of its admins',
  NS_SIGNER_NOT_NEEDED: 'no update in the bundle needs a signature of the signing organization',
  NS_SIGNER_CERT_EXPIRED: 'a signer certificate past its NotAfter: the orderer counts it, verify --strict refuses it',
  NS_SIGNER_CERT_NOT_YET_VALID:
    'a signer certificate before its NotBefore: the orderer counts it, verify --strict refuses it',
  // apply: what the live network answered
  NS_APPLY_NOT_SATISFIED: "the bundle's signatures do not satisfy its policies yet: apply sends nothing",
  NS_APPLY_NO_NODE: 'the spec names no node to send to (no orderer of the channel, no peer of the organization)',
  NS_APPLY_UNREACHABLE: 'no node answered (connection refused, a timeout, or a TLS handshake that failed)',
  NS_APPLY_ORDERER_REFUSED: 'the orderer refused an update or transaction, for the reason its answer gives',
  NS_APPLY_SUBMITTER_REFUSED: 'the orderer refused the submitting identity: it may not read or write the channel',
  NS_APPLY_PEER_REFUSED:
    'a peer or orderer admin refused a request (join, install, approve, endorse), as its answer says',
  NS_APPLY_TLS_REFUSED:
    "a TLS handshake with an orderer's admin API failed on a certificate: it refused ours, or netspec refused its (another CA, another name, expired)",
  NS_APPLY_NOT_CONFIRMED: 'a transaction the orderer accepted whose result the nodes did not show in time',
  NS_APPLY_NOT_ENDORSED: 'a chaincode commit without endorsements enough for the LifecycleEndorsement policy',
  NS_APPLY_WRONG_GENESIS: "the orderers serve a channel whose block 0 is not the bundle's genesis block",
  NS_APPLY_PACKAGE_MISMATCH: 'a peer installed a chaincode package under another id than the one computed and approved',
  NS_QUORUM_RPC_ERROR:
    'a Quorum node answered a JSON-RPC call with an error (a validator API not enabled, a refused vote) or not as JSON-RPC',
  NS_QUORUM_NODE_BEHIND:
    'a Quorum node whose head block is below the one the state folder records (behind, or on another chain)',
  // status: what the nodes' operations endpoints report
  NS_HEALTH_UNHEALTHY: 'a node whose /healthz answers that a component failed (its answer names which)',
  NS_HEALTH_CHANNEL_MISSING: 'a node that should hold a channel reports no height for it (not joined?)',
  NS_HEALTH_PEER_LAGGING: 'a peer more blocks behind the orderers on a channel than --max-lag allows',
  // org export (a joining organization's MSP folder)
  NS_MSP_INCOMPLETE: 'an MSP folder lacks a part an organization definition needs (cacerts, a NodeOU certificate)',
  NS_MSP_PRIVATE_KEY: 'a private key where only public certificates belong',
  // Kubernetes manifests
  NS_K8S_TEMPLATE_ERROR: 'a manifest template failed to render one object',
  NS_K8S_INVALID_OBJECT: 'a spec value makes a Kubernetes object the API server would reject',
  NS_K8S_DUPLICATE_OBJECT: 'two emitted objects of one kind share a name in one namespace',
  NS_K8S_API_REFUSED: 'the Kubernetes API server refused an apply (forbidden, conflict, invalid object), as it says',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function isDiagnosticCode(text: string): text is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, text);
}
