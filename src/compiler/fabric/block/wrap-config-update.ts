// A ConfigUpdate wrapped for submission, as `peer channel update` sends it: Envelope{Payload{Header{
// ChannelHeader type CONFIG_UPDATE, SignatureHeader}, data: ConfigUpdateEnvelope{config_update, signatures}}}.
// Contract: the update bytes are the ones the organizations signed, so they are carried as given, never re-encoded.
import { encodeMessage, type ProtoMessage } from '../proto/wire.js';

const HEADER_TYPE_CONFIG_UPDATE = 2;

export interface ConfigSignature {
  /** A marshalled common.SignatureHeader (creator identity and nonce). */
  signature_header: Uint8Array;
  /** The signature over signature_header || config_update. */
  signature: Uint8Array;
}

export interface WrapOptions {
  /** The channel header timestamp; now by default. */
  timestamp?: Date;
  /** The submitter's marshalled common.SignatureHeader; the submitter signs the payload, so it belongs there. */
  signatureHeader?: Uint8Array;
}

/** The Envelope bytes, with an empty signature: the submitter signs `payload` and fills it in. */
export function wrapUpdate(
  updateBytes: Uint8Array,
  signatures: readonly ConfigSignature[],
  channelId: string,
  options: WrapOptions = {},
): Uint8Array {
  const configUpdateEnvelope = encodeMessage('common.ConfigUpdateEnvelope', {
    config_update: updateBytes,
    signatures: signatures.map((s) => ({ signature_header: s.signature_header, signature: s.signature })),
  });
  const millis = (options.timestamp ?? new Date()).getTime();
  const channelHeader = encodeMessage('common.ChannelHeader', {
    type: HEADER_TYPE_CONFIG_UPDATE,
    channel_id: channelId,
    // Like protoutil.MakeChannelHeader: whole seconds, no nanos.
    timestamp: { seconds: Math.floor(millis / 1000), nanos: 0 },
  });
  const header: ProtoMessage = { channel_header: channelHeader };
  if (options.signatureHeader) header.signature_header = options.signatureHeader;
  const payload = encodeMessage('common.Payload', { header, data: configUpdateEnvelope });
  return encodeMessage('common.Envelope', { payload });
}
