// `netspec verify --envelope <pb> --config <block>`: a CONFIG_UPDATE envelope (as `peer channel signconfigtx`
// writes it) judged against the channel config in a fetched config block, with the same report as a bundle.
// The envelope's outer signature is not judged: `peer channel update` re-signs the envelope when it submits.
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import { readConfigUpdateEnvelope } from './config-update-envelope.js';
import { readConfigBlockFile } from './live-config.js';
import type { VerifyReport } from './verify-report.js';
import { verifyUpdate } from './verify-update.js';

export function verifyEnvelope(
  envelopeBytes: Uint8Array,
  configBlockFile: string,
  now: Date = new Date(),
): VerifyReport {
  const read = readConfigUpdateEnvelope(envelopeBytes);
  if ('error' in read)
    return { status: 'invalid', problems: [problem('NS_FABRIC_PROTO_INVALID', read.error)], updates: [] };
  const live = readConfigBlockFile(configBlockFile);
  if ('error' in live)
    return {
      status: 'invalid',
      problems: [problem('NS_FABRIC_NOT_CONFIG_BLOCK', live.error, { file: configBlockFile })],
      updates: [],
    };
  const { envelope } = read;
  const problems: Problem[] = [];
  if (live.live.channelId !== envelope.channelId)
    problems.push(
      problem(
        'NS_ENVELOPE_MISMATCH',
        `the envelope is for channel '${envelope.channelId}', the config block for '${live.live.channelId}'`,
        { file: configBlockFile },
      ),
    );
  const verdict = verifyUpdate({
    channel: envelope.channelId,
    config: live.live.config,
    configUpdate: envelope.configUpdate,
    signatures: envelope.signatures.map((signature, index) => ({
      source: `envelope signature #${index + 1}`,
      signatureHeader: signature.signature_header,
      signature: signature.signature,
    })),
    problems,
    now,
  });
  return { status: verdict.status, updates: [verdict] };
}
