// One change to a network on the repository's main line, as an auditor reads it: who, when, through which PR,
// what changed in the spec, whose signatures arrived, and which updates were applied at which config sequence.

export interface SignatureEvent {
  /** Repository-relative path of the signature file. */
  path: string;
  change: 'added' | 'modified' | 'removed';
  /** The bundle folder the signature belongs to (the path before `/signatures/`), network-relative. */
  bundle: string;
  channel: string;
  mspId: string;
  /** The signer as the file names it (certificate subject or identity), when it says. */
  signer?: string;
  signedAt?: string;
  /** The SHA-256 of the update the signature covers, when the file says. */
  updateHash?: string;
}

/**
 * `applied/<channel>-<sequence>.json`, as apply writes it after the orderer accepted an update, or
 * `applied/<channel>-chaincode-<name>-<sequence>-<org>.json` for an org's chaincode lifecycle steps (then
 * `sequence` is the definition's sequence and `chaincode` says which and by whom).
 */
export interface ApplyRecord {
  bundleHash: string;
  channel: string;
  sequence: number | string;
  chaincode?: { name: string; organization: string; mspId: string };
  txIds: string[];
  blockNumbers: (number | string)[];
  appliedAt: string;
  signers: string[];
  /** Chaincode records: the steps that changed something (install per peer, approve, commit). */
  steps?: { action: string; target: string; txId?: string }[];
}

export interface AppliedEvent extends Partial<ApplyRecord> {
  path: string;
  /** Set when the record does not have the expected shape: shown, not trusted. */
  problem?: string;
}

export interface GovernanceEvent {
  commit: string;
  parents: string[];
  date: string;
  author: { name: string; email: string };
  subject: string;
  pullRequest?: number;
  /** Network-relative paths the commit added (A), modified (M) or deleted (D), sorted. */
  files: { status: string; path: string }[];
  specChanges: string[];
  signatures: SignatureEvent[];
  applied: AppliedEvent[];
}

export interface GovernanceHistory {
  network: string;
  /** The network folder, relative to the repository root. */
  path: string;
  /** Newest first, like `git log`. */
  events: GovernanceEvent[];
}
