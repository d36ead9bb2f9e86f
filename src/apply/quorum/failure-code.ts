// The code and advice for a failed call to a Quorum node: whether it answered at all, and what its answer means
// for what the user does next (bring the node back, or enable the API the votes need).
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import { JsonRpcError, RpcTransportError, RpcUnreachableError } from './json-rpc-client.js';

/** JSON-RPC 2.0 "Method not found": Besu and GoQuorum answer it for an API the node does not enable. */
const METHOD_NOT_FOUND = -32601;

export interface QuorumFailure {
  code: DiagnosticCode;
  hint?: string;
}

/** The code of an error a node call threw; undefined for anything that is not about the node's answer. */
export function quorumFailure(error: unknown): QuorumFailure | undefined {
  if (error instanceof RpcUnreachableError)
    return {
      code: 'NS_APPLY_UNREACHABLE',
      hint: "check that the node runs and that its JSON-RPC address (connection.endpoints, or the validator's host and rpcPort) is reachable from here",
    };
  if (error instanceof JsonRpcError && error.code === METHOD_NOT_FOUND)
    return {
      code: 'NS_QUORUM_RPC_ERROR',
      hint: "enable the consensus API on the node's JSON-RPC (Besu: --rpc-http-api with QBFT or IBFT; GoQuorum: --http.api with istanbul)",
    };
  if (error instanceof JsonRpcError || error instanceof RpcTransportError) return { code: 'NS_QUORUM_RPC_ERROR' };
  return undefined;
}
