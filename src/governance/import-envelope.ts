// `netspec sign --import <envelope.pb> <bundle>`: the ConfigSignatures `peer channel signconfigtx` put into an
// envelope, turned into the bundle's signature files. Only for the update the envelope carries byte for byte:
// a signature over other bytes would be void anyway.

import { type Bundle, SIGNATURES_DIRECTORY } from '../bundle/index.js';
import { sha256Hex } from '../bytes.js';
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import { parseCertificatePem } from '../crypto/load-certificate.js';
import { readCreator } from './config-signature.js';
import { readConfigUpdateEnvelope } from './config-update-envelope.js';
import { subjectOf } from './msp-identity.js';
import { renderSignatureFile } from './signature-file.js';

export interface ImportResult {
  /** Bundle-relative path -> file text. */
  files: Map<string, string>;
  channel?: string;
  errors: Problem[];
}

export function importEnvelope(envelopeBytes: Uint8Array, bundle: Bundle, now: Date = new Date()): ImportResult {
  const files = new Map<string, string>();
  const read = readConfigUpdateEnvelope(envelopeBytes);
  if ('error' in read) return { files, errors: [problem('NS_FABRIC_PROTO_INVALID', read.error)] };
  const { envelope } = read;
  const planned = bundle.plan.channels.find((c) => c.channel === envelope.channelId && c.action === 'update');
  const bytes = planned?.artifact ? bundle.files.get(planned.artifact) : undefined;
  if (!planned || !bytes)
    return {
      files,
      errors: [problem('NS_ENVELOPE_MISMATCH', `the bundle has no update of channel '${envelope.channelId}'`)],
    };
  if (!Buffer.from(bytes).equals(envelope.configUpdate))
    return {
      files,
      errors: [
        problem(
          'NS_ENVELOPE_MISMATCH',
          `the envelope's config_update is not the bundle's ${planned.artifact} byte for byte: its signatures cover other bytes`,
        ),
      ],
    };
  const updateSha256 = sha256Hex(bytes);
  if (envelope.signatures.length === 0)
    return { files, errors: [problem('NS_INPUT_INVALID', 'the envelope carries no signatures')] };
  const errors: Problem[] = [];
  const counts = new Map<string, number>();
  envelope.signatures.forEach((signature, index) => {
    const creator = readCreator(signature.signature_header);
    if ('error' in creator) {
      errors.push(problem('NS_SIGNATURE_FILE_INVALID', `signature #${index + 1}: ${creator.error}`));
      return;
    }
    const { mspId, idBytes } = creator.creator;
    if (!/^[A-Za-z0-9._-]+$/.test(mspId)) {
      errors.push(problem('NS_INPUT_INVALID', `signature #${index + 1}: the MSP id '${mspId}' cannot name a file`));
      return;
    }
    const cert = parseCertificatePem(new TextDecoder().decode(idBytes), 'the signer identity');
    const seen = (counts.get(mspId) ?? 0) + 1;
    counts.set(mspId, seen);
    // A second signature of the same org (another admin) gets its own file; verify counts identities, not files.
    const name = seen === 1 ? `${mspId}.json` : `${mspId}.${seen}.json`;
    files.set(
      `${SIGNATURES_DIRECTORY}/${envelope.channelId}/${name}`,
      renderSignatureFile({
        mspId,
        signer: cert.ok ? subjectOf(cert.certificate) : '',
        signedAt: now.toISOString(),
        updateSha256,
        signatureHeader: Buffer.from(signature.signature_header).toString('base64'),
        signature: Buffer.from(signature.signature).toString('base64'),
      }),
    );
  });
  return { files: errors.length > 0 ? new Map() : files, channel: envelope.channelId, errors };
}
