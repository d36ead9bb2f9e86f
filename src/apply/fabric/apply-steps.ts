// What `netspec apply` does to a live Fabric network, step by step, and what each step is given: shared by the
// orchestrator (apply-bundle.ts) and the step modules it runs (joins, installs, chaincode lifecycle, records), so
// that a step never depends on the orchestrator that calls it.
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import type { NetworkModel } from '../../compiler/model/network-model.js';
import type { Plan } from '../../compiler/plan/index.js';
import type { VerifiedBundle } from '../../governance/index.js';
import type { ClientIdentity } from './client-identity.js';
import type { ConnectionOptions } from './grpc-connection.js';

/**
 * `waiting`: nothing to do yet and nothing wrong (a chaincode commit waiting for other orgs' approvals; a peer join
 * waiting for the orderers). `delegated`: another organization's part, which this identity can neither do nor
 * check (its orderers, its peers): reported so that it is not forgotten, without making the run fail or wait.
 */
export type StepOutcome = 'applied' | 'already' | 'failed' | 'skipped' | 'waiting' | 'delegated';

export interface ApplyStep {
  channel: string;
  action: 'update' | 'join-orderer' | 'join-peer' | 'unjoin-peer' | 'install' | 'approve' | 'commit';
  /** The node acted on, `org/node`. */
  target: string;
  outcome: StepOutcome;
  detail: string;
  /** Why a failed step failed, from the diagnostic catalogue (NS_APPLY_UNREACHABLE, NS_UPDATE_STALE, ...). */
  code?: DiagnosticCode;
  /** What to check for a failed step, when the failure says (the certificate or CA of a TLS refusal). */
  hint?: string;
  /** The transaction (or install proposal) this step sent, when it sent one: for the apply record. */
  txId?: string;
  /** Chaincode lifecycle steps: the definition they belong to. */
  chaincode?: { name: string; sequence: number };
}

export interface ApplyBundleInput {
  /** The bundle as verify checked it: its bytes are the only ones sent, and its report must be satisfied. */
  verified: VerifiedBundle;
  identity: ClientIdentity;
  connection?: ConnectionOptions;
  /** How long to wait for the new config block after a successful broadcast. Default 60 s. */
  commitTimeoutMs?: number;
  /** Between Deliver polls while waiting. Default 500 ms. */
  pollMs?: number;
  onStep?: (step: ApplyStep) => void;
  now?: () => Date;
}

/** The verified bundle's plan and model, beside what the caller passed. */
export interface ApplyContext extends ApplyBundleInput {
  plan: Readonly<Plan>;
  model: NetworkModel;
}
