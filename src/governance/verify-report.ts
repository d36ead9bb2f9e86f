// What `netspec verify` concludes about a bundle's signatures: per update, which policies are satisfied, who
// signed, who is still needed, and every signature file judged with a reason. Exit code: satisfied 0, waiting 2,
// invalid 1. `netspec pr status` builds on the same report. Every problem and warning carries a code of the
// compiler's catalogue (NS_BUNDLE_TAMPERED, NS_UPDATE_STALE, NS_SIGNATURE_INVALID, ...), which is what scripts match.
import type { DiagnosticCode, Problem } from '../compiler/diagnostics/index.js';

export type VerifyStatus = 'satisfied' | 'waiting' | 'invalid';

export interface SignatureVerdict {
  /** Bundle-relative path of the signature file (or the envelope position for imported envelopes). */
  source: string;
  /** The MSP the signature claims. */
  mspId: string;
  valid: boolean;
  /** Why a signature does not count: wrong org, not an admin, expired, high-S, over other bytes, duplicate, ... */
  reason?: string;
  /** The code of that reason (NS_SIGNATURE_INVALID, NS_SIGNER_NOT_ADMIN, ...); set whenever `valid` is false. */
  code?: DiagnosticCode;
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

/**
 * What the orderer accepts but a careful consortium would not: a signer whose certificate is expired or not yet
 * valid (Fabric checks a config signer's chain at the certificate's own NotBefore, never against the clock).
 * `verify --strict` turns every warning into a failure.
 */
export interface VerifyWarning extends Problem {
  code: 'NS_SIGNER_CERT_EXPIRED' | 'NS_SIGNER_CERT_NOT_YET_VALID';
  severity: 'warning';
  /** The signature file or envelope position. */
  source: string;
  mspId: string;
  /** The signer certificate's subject. */
  signer: string;
  /** ISO date: when the certificate expired, or when it becomes valid. */
  date: string;
}

export interface UpdateVerdict {
  channel: string;
  status: VerifyStatus;
  /** Problems with the update itself: tampered bytes, stale base sequence, missing artifact. */
  problems: Problem[];
  requirements: RequirementVerdict[];
  signatures: SignatureVerdict[];
  /** Signers the orderer counts despite their certificate's dates; absent when there are none. */
  warnings?: VerifyWarning[];
  /**
   * Set when the live config already carries exactly this update (its last config update is the bundle's
   * update.pb): the orderer accepted the signatures then, and there is nothing left to sign or send.
   */
  applied?: { sequence: string; blockNumber: string };
}

export interface VerifyReport {
  status: VerifyStatus;
  /** Problems with the bundle as a whole (unreadable plan, changed spec, state that does not load). */
  problems?: Problem[];
  updates: UpdateVerdict[];
}

/** Every warning of the report, in update order. */
export function reportWarnings(report: VerifyReport): VerifyWarning[] {
  return report.updates.flatMap((update) => update.warnings ?? []);
}

/**
 * `verify --strict`: what Fabric accepts with a warning is refused. Each warning becomes a problem of its update,
 * which is then invalid, and so is the report.
 */
export function strictReport(report: VerifyReport): VerifyReport {
  if (reportWarnings(report).length === 0) return report;
  const updates = report.updates.map((update): UpdateVerdict => {
    const warnings = update.warnings ?? [];
    if (warnings.length === 0) return update;
    return {
      ...update,
      status: 'invalid',
      problems: [
        ...update.problems,
        ...warnings.map(
          (warning): Problem => ({
            code: warning.code,
            severity: 'error',
            message: `strict: ${warning.message}`,
            ...(warning.file !== undefined ? { file: warning.file } : {}),
          }),
        ),
      ],
    };
  });
  return { ...report, status: 'invalid', updates };
}
