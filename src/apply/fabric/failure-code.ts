// The code of a failure a node call threw: the error's class says whether the node answered at all, and who refused.
// Only the call sites know what they asked, so each names what a refusal means there (`refused`).
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import { UnreachableError } from '../http/send-http.js';
import { DeliverRefusedError } from './fetch-config-block.js';
import { NodeUnreachableError } from './grpc-connection.js';
import { ProposalRefusedError } from './proposals.js';
import { TlsRefusedError } from './tls-failure.js';

export function failureCode(error: unknown, refused: DiagnosticCode): DiagnosticCode {
  if (error instanceof NodeUnreachableError || error instanceof UnreachableError) return 'NS_APPLY_UNREACHABLE';
  if (error instanceof DeliverRefusedError) return 'NS_APPLY_ORDERER_REFUSED';
  if (error instanceof TlsRefusedError) return 'NS_APPLY_TLS_REFUSED';
  if (error instanceof ProposalRefusedError) return 'NS_APPLY_PEER_REFUSED';
  return refused;
}

/** What the user should check for a failure, when the error knows (a TLS refusal names the certificate or CA). */
export function failureHint(error: unknown): { hint?: string } {
  return error instanceof TlsRefusedError ? { hint: error.hint } : {};
}
