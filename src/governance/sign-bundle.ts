// `netspec sign <bundle>`: the org's ConfigSignature over each channel update its signature counts towards.
// Only a verified bundle is signed (its updates are what the spec and the live state produce), and all or nothing:
// every update is checked first (the identity is valid in the channel's live MSP and satisfies a principal of the
// policies to sign) and only then are signatures made.
import { signatureFilePath } from '../bundle/index.js';
import { sha256Hex } from '../bytes.js';
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import { parseCertificatePem } from '../crypto/load-certificate.js';
import { type Requirement, requirementPrincipals } from '../policy/index.js';
import { channelMsps } from './channel-msps.js';
import { type ConfigSignatureBytes, makeConfigSignature } from './config-signature.js';
import { readStateChannel } from './live-config.js';
import {
  deserializeIdentity,
  identityProblem,
  satisfiesPrincipal,
  subjectOf,
  validityWarning,
} from './msp-identity.js';
import { renderSignatureFile, type SignatureFile } from './signature-file.js';
import type { LoadedSigner } from './signing-identity.js';
import type { VerifiedBundle } from './verify-bundle.js';

export interface SignBundleInput {
  /** Only a verified bundle is signed: its updates are exactly what the spec and the live state produce. */
  verified: VerifiedBundle;
  signer: LoadedSigner;
  now?: Date;
}

export interface SignBundleResult {
  /** Bundle-relative path -> file text, to be written atomically by the caller. */
  files: Map<string, string>;
  /** Channels signed. */
  channels: string[];
  errors: Problem[];
  /** What Fabric accepts but deserves a look (an expired certificate): the signature is made and counts. */
  warnings: Problem[];
}

export function signBundle(input: SignBundleInput): SignBundleResult {
  const result: SignBundleResult = { files: new Map(), channels: [], errors: [], warnings: [] };
  const { bundle, stateDir } = input.verified;
  const { mspId } = input.signer.identity;
  const now = input.now ?? new Date();
  const updates = bundle.plan.channels.filter(
    (channel) => channel.action === 'update' && channel.signers.some((signer) => signer.mspIds.includes(mspId)),
  );
  if (updates.length === 0)
    return {
      ...result,
      errors: [problem('NS_SIGNER_NOT_NEEDED', `no update in this bundle needs a signature of ${mspId}`)],
    };

  const ready: { channel: string; bytes: Uint8Array; sha256: string }[] = [];
  for (const update of updates) {
    const channel = update.channel;
    const bytes = update.artifact ? bundle.files.get(update.artifact) : undefined;
    if (!bytes) {
      result.errors.push(
        problem('NS_BUNDLE_FILE_MISSING', `${channel}: ${update.artifact} is missing from the bundle`),
      );
      continue;
    }
    const live = readStateChannel(stateDir, channel);
    if ('error' in live) {
      result.errors.push(
        problem('NS_STATE_CHANNEL_MISSING', `${channel}: the live config cannot be read: ${live.error}`, {
          file: stateDir,
        }),
      );
      continue;
    }
    const refused = identityCheck(input.signer, live.live.config, update.signers);
    if (refused) {
      result.errors.push({ ...refused, message: `${channel}: ${refused.message}` });
      continue;
    }
    ready.push({ channel, bytes, sha256: sha256Hex(bytes) });
  }
  if (result.errors.length > 0) return result;
  const dates = signerValidityWarning(input.signer, now);
  if (dates) result.warnings.push(dates);

  for (const update of ready) {
    const signature = makeConfigSignature(input.signer.identity, update.bytes);
    result.files.set(
      signatureFilePath(update.channel, mspId),
      renderSignatureFile(signatureFileOf(input.signer, signature, update.sha256, now)),
    );
    result.channels.push(update.channel);
  }
  return result;
}

export function signatureFileOf(
  signer: LoadedSigner,
  signature: ConfigSignatureBytes,
  updateSha256: string,
  now: Date,
): SignatureFile {
  return {
    mspId: signer.identity.mspId,
    signer: subjectOf(signer.certificate),
    signedAt: now.toISOString(),
    updateSha256,
    signatureHeader: Buffer.from(signature.signature_header).toString('base64'),
    signature: Buffer.from(signature.signature).toString('base64'),
  };
}

/** Refuses an identity that is not from the MSP, or whose signature could satisfy none of the policy's principals. */
function identityCheck(
  signer: LoadedSigner,
  config: Parameters<typeof channelMsps>[0],
  requirements: readonly { requirement: Requirement }[],
): Problem | undefined {
  const msps = channelMsps(config);
  const { mspId, certificatePem } = signer.identity;
  const deserialized = deserializeIdentity(mspId, new TextEncoder().encode(certificatePem), msps);
  if ('error' in deserialized) return problem('NS_SIGNER_NOT_MEMBER', deserialized.error);
  const invalid = identityProblem(deserialized.identity, msps.get(mspId)!);
  if (invalid) return problem('NS_SIGNER_NOT_MEMBER', `the certificate is not a valid ${mspId} identity: ${invalid}`);
  const principals = requirements.flatMap((r) => requirementPrincipals(r.requirement)).filter((p) => p.mspId === mspId);
  if (!principals.some((principal) => satisfiesPrincipal(deserialized.identity, principal, msps)))
    return problem(
      'NS_SIGNER_NOT_ADMIN',
      `the certificate satisfies none of the principals its signature is needed for (${[
        ...new Set(principals.map((p) => `${p.mspId}.${p.role.toLowerCase()}`)),
      ].join(', ')}): is it an admin certificate?`,
    );
  return undefined;
}

/** The orderer counts a signature by an expired certificate: signed, with a warning to renew it. */
function signerValidityWarning(signer: LoadedSigner, now: Date): Problem | undefined {
  const loaded = parseCertificatePem(signer.identity.certificatePem, 'the signer certificate');
  if (!loaded.ok) return undefined;
  const dates = validityWarning(loaded.certificate, now);
  if (!dates) return undefined;
  const what = dates.code === 'certificate-expired' ? `expired on ${dates.date}` : `is not valid before ${dates.date}`;
  return problem(
    dates.code === 'certificate-expired' ? 'NS_SIGNER_CERT_EXPIRED' : 'NS_SIGNER_CERT_NOT_YET_VALID',
    `the certificate of ${subjectOf(loaded.certificate)} ${what}; Fabric still counts its signature (verify --strict refuses it)`,
    { severity: 'warning' },
  );
}
