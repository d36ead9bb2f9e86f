// Each ConfigSignature judged in order, as Fabric's SignatureSetToValidIdentities does: read the creator, find its
// MSP, skip an identity already counted (before checking the signature, so a repeat costs nothing), verify the
// signature over exactly signature_header || config_update, then judge the identity under its MSP.
// Every signature gets a verdict with a reason; only the ones that survive go on to policy evaluation. A counted
// signer whose certificate is outside its validity period now still counts (the orderer does not check a config
// signer's dates), and gets a warning.
import { concatBytes, sha256Hex } from '../bytes.js';
import type { DiagnosticCode, Problem } from '../compiler/diagnostics/index.js';
import type { EvaluatedIdentity, Principal } from '../policy/index.js';
import type { ChannelMsp } from './channel-msps.js';
import { readCreator } from './config-signature.js';
import { verifyFabricSignature } from './ecdsa-signature.js';
import {
  deserializeIdentity,
  identityProblem,
  isAdmin,
  satisfiesPrincipal,
  subjectOf,
  validityWarning,
} from './msp-identity.js';
import type { SignatureVerdict, VerifyWarning } from './verify-report.js';

export interface SignatureInput {
  /** Bundle-relative signature file, or `envelope signature #n`. */
  source: string;
  /** The MSP a signature file names; absent for signatures read from an envelope. */
  claimedMspId?: string;
  /** The update hash a signature file says it covers: names a replayed signature in its reason. */
  signedUpdateSha256?: string;
  signatureHeader: Uint8Array;
  signature: Uint8Array;
}

export interface SignatureCheckResult {
  verdicts: SignatureVerdict[];
  /** Identities whose signatures verified and who are valid members of their MSP. */
  identities: EvaluatedIdentity[];
  /** Problems Fabric rejects the whole update for (an unreadable signature header). */
  fatal: Problem[];
  /** Signers Fabric counts that a careful consortium would look at twice (expired certificates). */
  warnings: VerifyWarning[];
}

export function checkSignatures(
  signatures: readonly SignatureInput[],
  configUpdate: Uint8Array,
  msps: ReadonlyMap<string, ChannelMsp>,
  now: Date,
): SignatureCheckResult {
  const verdicts: SignatureVerdict[] = [];
  const identities: EvaluatedIdentity[] = [];
  const fatal: Problem[] = [];
  const warnings: VerifyWarning[] = [];
  const counted = new Map<string, string>();
  // Only a signature that fails needs the update's hash (to name a replay): hashing it for each one costs more than
  // checking a known signer.
  let updateSha256: string | undefined;
  for (const input of signatures) {
    const reject = (mspId: string, code: DiagnosticCode, reason: string, admin?: boolean) =>
      verdicts.push({
        source: input.source,
        mspId,
        valid: false,
        reason,
        code,
        ...(admin === undefined ? {} : { admin }),
      });
    const read = readCreator(input.signatureHeader);
    if ('error' in read) {
      if (input.claimedMspId === undefined)
        fatal.push({ code: 'NS_SIGNATURE_FILE_INVALID', severity: 'error', message: `${input.source}: ${read.error}` });
      reject(input.claimedMspId ?? '?', 'NS_SIGNATURE_FILE_INVALID', read.error);
      continue;
    }
    const { creator } = read;
    const mspId = input.claimedMspId ?? creator.mspId;
    if (creator.mspId !== mspId) {
      reject(
        mspId,
        'NS_SIGNATURE_WRONG_MSP',
        `the file names ${mspId} but the signature carries an identity of ${creator.mspId || '(no MSP)'}`,
      );
      continue;
    }
    const deserialized = deserializeIdentity(creator.mspId, creator.idBytes, msps);
    if ('error' in deserialized) {
      reject(mspId, 'NS_SIGNER_NOT_MEMBER', deserialized.error);
      continue;
    }
    const identity = deserialized.identity;
    const earlier = counted.get(identity.key);
    if (earlier !== undefined) {
      reject(mspId, 'NS_SIGNATURE_DUPLICATE', `duplicate of ${earlier}: the same identity counts once`);
      continue;
    }
    const check = verifyFabricSignature(
      concatBytes([input.signatureHeader, configUpdate]),
      input.signature,
      identity.certificate.publicKey,
    );
    if (!check.ok) {
      const claimed = input.signedUpdateSha256;
      updateSha256 ??= sha256Hex(configUpdate);
      const replayed = claimed !== undefined && claimed !== '' && claimed !== updateSha256;
      reject(
        mspId,
        'NS_SIGNATURE_INVALID',
        replayed ? `${check.reason}: it was made for another update (sha256 ${claimed.slice(0, 12)}…)` : check.reason,
      );
      continue;
    }
    counted.set(identity.key, input.source);
    const msp = msps.get(identity.mspId)!;
    const problem = identityProblem(identity, msp);
    if (problem !== undefined) {
      reject(mspId, 'NS_SIGNER_NOT_MEMBER', problem, false);
      continue;
    }
    identities.push({
      mspId: identity.mspId,
      satisfies: (principal: Principal) => satisfiesPrincipal(identity, principal, msps),
    });
    const dates = validityWarning(identity.certificate, now);
    if (dates) {
      const signer = subjectOf(identity.certificate);
      const what =
        dates.code === 'certificate-expired' ? `expired on ${dates.date}` : `is not valid before ${dates.date}`;
      warnings.push({
        code: dates.code === 'certificate-expired' ? 'NS_SIGNER_CERT_EXPIRED' : 'NS_SIGNER_CERT_NOT_YET_VALID',
        severity: 'warning',
        date: dates.date,
        source: input.source,
        mspId,
        signer,
        message: `${input.source}: the certificate of ${signer} (${mspId}) ${what}; the orderer still counts its signature`,
      });
    }
    if (!isAdmin(identity, msp)) {
      reject(
        mspId,
        'NS_SIGNER_NOT_ADMIN',
        `not an admin of ${mspId}: neither the admin OU nor listed in the MSP's admins`,
        false,
      );
      continue;
    }
    verdicts.push({ source: input.source, mspId, valid: true, admin: true });
  }
  return { verdicts, identities, fatal, warnings };
}
