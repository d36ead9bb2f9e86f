// Quorum stage: from the normalized model to what Besu and GoQuorum read — genesis.json with the validators'
// extraData, the node lists (static/permissioned nodes, Tessera peers) and the validator votes a plan carries.
// Pure and deterministic: emitters return text; writing files is the caller's job.
export {
  addressFromPublicKey,
  addressProblem,
  normalizeAddress,
  publicKeyProblem,
  toChecksumAddress,
} from './address.js';
export { canonicalJson } from './canonical-json.js';
export { emitQuorumArtifacts } from './emit-quorum-artifacts.js';
export { EXTRA_DATA_TYPES, type ExtraDataType, encodeExtraData } from './extra-data.js';
export { BFT_MIX_HASH, buildGenesis, type GenesisJson } from './genesis.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { enodeUrl, RAFT_PORT, staticNodes, TESSERA_P2P_PORT, tesseraPeers } from './node-lists.js';
export {
  type DesiredValidator,
  faultTolerance,
  MIN_BFT_VALIDATORS,
  planValidatorVotes,
  type SetSize,
  type ValidatorVoteStep,
} from './plan-validator-votes.js';
export { readValidatorsInput } from './read-validators-input.js';
export { decodeRlp, encodeRlp, type RlpItem } from './rlp.js';
export { extraDataTypeOf, identitiesOf, type QuorumClient, type ValidatorIdentity } from './validator-set.js';
export { buildVotesFile, renderVotesFile, VOTES_FILE_VERSION, type VotesFile } from './votes-file.js';
