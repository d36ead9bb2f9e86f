// One change to a network on the repository's main line, as an auditor reads it: who proposed it and who merged
// it, when, through which PR, what changed in the spec, whose signatures arrived (each one verified, not taken at
// its word), which updates were applied at which config sequence and from which change, and what was rewritten.

export interface Person {
  name: string;
  email: string;
}

export interface SignatureEvent {
  /** Repository-relative path of the signature file. */
  path: string;
  change: 'added' | 'modified' | 'removed';
  /** The bundle folder the signature belongs to (the path before `/signatures/`), network-relative. */
  bundle: string;
  channel: string;
  mspId: string;
  /**
   * `valid`: the signature verified over the committed update.pb against the channel config of its time and its
   * identity is an admin of its MSP; `invalid`: the file does not count (see `reason`); `removed`: the file left.
   */
  status: 'valid' | 'invalid' | 'removed';
  /** The subject of the certificate that made a valid signature. Never taken from the file's own words. */
  signer?: string;
  /** Why an invalid file does not count. */
  reason?: string;
  /** What the file says its signer is: shown beside an invalid verdict, never as a signer. */
  claimedSigner?: string;
  /** What the file says (unverified). */
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
  /** The main-line change whose bundle (plan.json) hashes to the record's bundleHash: what was applied. */
  producedBy?: { commit: string; bundle: string; pullRequest?: number };
  /** Set when no bundle with a satisfied set of valid signatures for the channel stands behind the record. */
  unsigned?: string;
  /** Set when no plan.json anywhere in the history hashes to the record's bundleHash. */
  rewritten?: string;
}

export interface GovernanceEvent {
  commit: string;
  parents: string[];
  date: string;
  /** The commit's author: for a merge commit, whoever merged. */
  author: Person;
  committer: Person & { date: string };
  /** Who proposed the change: the author of a PR's first commit, or of the commit itself. */
  proposer: Person;
  /** Who merged the PR (the merge commit's author), when the change is a merge. */
  mergedBy?: Person;
  /** Everyone who authored a commit of the PR. */
  contributors?: Person[];
  /** The PR's author and merger as GitHub accounts (`history --github`): who acted, not what git was told. */
  github?: { author: string; mergedBy?: string };
  subject: string;
  pullRequest?: number;
  /** Network-relative paths the commit added (A), modified (M) or deleted (D), sorted. */
  files: { status: string; path: string }[];
  specChanges: string[];
  signatures: SignatureEvent[];
  applied: AppliedEvent[];
  /** Why this commit is not what the consortium signed or applied: amended, or committed after its own apply. */
  rewritten?: string[];
}

export interface GovernanceHistory {
  network: string;
  /** The network folder, relative to the repository root. */
  path: string;
  /** Newest first, like `git log`. */
  events: GovernanceEvent[];
}
