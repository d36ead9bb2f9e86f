// What `netspec verify` concludes about a bundle's signatures: per update, which policies are satisfied, who
// signed, who is still needed, and every signature file judged with a reason. Exit code: satisfied 0, waiting 2,
// invalid 1. `netspec pr status` builds on the same report.

export type VerifyStatus = 'satisfied' | 'waiting' | 'invalid';

export interface SignatureVerdict {
  /** Bundle-relative path of the signature file (or the envelope position for imported envelopes). */
  source: string;
  /** The MSP the signature claims. */
  mspId: string;
  valid: boolean;
  /** Why a signature does not count: wrong org, not an admin, expired, high-S, over other bytes, duplicate, ... */
  reason?: string;
  /** Whether the signer is an admin of its org by the channel's MSP rules (NodeOU or admincerts). */
  admin?: boolean;
}

export interface RequirementVerdict {
  policyPath: string;
  /** "/Channel/Application/Admins: MAJORITY of {A, B, C} admins -> 2 of 3" */
  summary: string;
  satisfied: boolean;
  /** MSP ids whose valid signatures counted towards this policy. */
  signedBy: string[];
  /** MSP ids that could still sign to satisfy it ("2 of 3: waiting for CarolMSP"). */
  waitingFor: string[];
  /** Met against needed, in words: "1 of 2: waiting for RetailerMSP", "2 of 2: satisfied". */
  progress?: string;
}

export interface UpdateVerdict {
  channel: string;
  status: VerifyStatus;
  /** Problems with the update itself: tampered bytes, stale base sequence, missing artifact. */
  problems: string[];
  requirements: RequirementVerdict[];
  signatures: SignatureVerdict[];
  /**
   * Set when the live config already carries exactly this update (its last config update is the bundle's
   * update.pb): the orderer accepted the signatures then, and there is nothing left to sign or send.
   */
  applied?: { sequence: string; blockNumber: string };
}

export interface VerifyReport {
  status: VerifyStatus;
  /** Problems with the bundle as a whole (unreadable plan, changed spec, state that does not load). */
  problems?: string[];
  updates: UpdateVerdict[];
}
