// Quorum apply: talks JSON-RPC to an org's own Besu/GoQuorum validators to cast the validator votes a bundle
// carries, and waits for each change to take effect. Everything that touches a live Quorum node lives here.
export {
  type CastVotesOptions,
  type CastVotesOutcome,
  castVotes,
  type VoteEvent,
  type VoteEventKind,
} from './cast-votes.js';
export { type FetchedValidators, fetchValidators, type RecordedQuorumState } from './fetch-validators.js';
export {
  createJsonRpcClient,
  type JsonRpcClient,
  type JsonRpcClientOptions,
  JsonRpcError,
  RpcTransportError,
  RpcUnreachableError,
} from './json-rpc-client.js';
export { networksWithVotes, readVotesFile, votesFilePath } from './read-votes-file.js';
export { recordRolledOutTransitions, type TransitionsRecord } from './record-transitions.js';
export { type ValidatorRpc, validatorRpc } from './validator-rpc.js';
