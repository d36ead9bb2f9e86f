// Fabric's own artifact: the CONFIG_UPDATE Envelope `peer channel signconfigtx` reads and writes
// (Envelope{Payload{Header{ChannelHeader type 2, SignatureHeader}, data: ConfigUpdateEnvelope}}). Signing one
// is done exactly as that command does (peer/channel/create.go sanityCheckAndSignConfigTx): keep config_update's
// bytes and the existing signatures, append one ConfigSignature, and wrap it all in a new envelope whose payload
// the signer signs, with a fresh channel header (now, whole seconds) and signature header.
import { decode, encode, type ProtoMessage } from '../compiler/fabric/index.js';
import {
  type ConfigSignatureBytes,
  makeConfigSignature,
  newSignatureHeader,
  type SigningIdentity,
} from './config-signature.js';
import { signLowS } from './ecdsa-signature.js';

const HEADER_TYPE_CONFIG_UPDATE = 2;

export interface ConfigUpdateEnvelope {
  channelId: string;
  /** The exact config_update bytes the signatures cover. */
  configUpdate: Uint8Array;
  signatures: ConfigSignatureBytes[];
}

export function readConfigUpdateEnvelope(bytes: Uint8Array): { envelope: ConfigUpdateEnvelope } | { error: string } {
  const envelope = decode('common.Envelope', bytes);
  if (!envelope.value) return { error: 'the file does not decode as a common.Envelope' };
  const payload = decode('common.Payload', bytesOf(envelope.value.payload));
  if (!payload.value) return { error: 'the envelope payload does not decode as common.Payload' };
  const header = payload.value.header as ProtoMessage | null | undefined;
  if (!header?.channel_header) return { error: 'bad header: the payload has no channel header' };
  const channelHeader = decode('common.ChannelHeader', bytesOf(header.channel_header));
  if (!channelHeader.value) return { error: 'the channel header does not decode' };
  const type = Number(channelHeader.value.type ?? 0);
  if (type !== HEADER_TYPE_CONFIG_UPDATE)
    return { error: `the envelope has header type ${type}, not CONFIG_UPDATE (2)` };
  const channelId = String(channelHeader.value.channel_id ?? '');
  if (channelId === '') return { error: 'the envelope names no channel' };
  const data = decode('common.ConfigUpdateEnvelope', bytesOf(payload.value.data));
  if (!data.value) return { error: 'the payload data does not decode as common.ConfigUpdateEnvelope' };
  const signatures = ((data.value.signatures as ProtoMessage[] | null | undefined) ?? []).map((s) => ({
    signature_header: bytesOf(s.signature_header),
    signature: bytesOf(s.signature),
  }));
  return { envelope: { channelId, configUpdate: bytesOf(data.value.config_update), signatures } };
}

/** `peer channel signconfigtx`: the envelope with one more ConfigSignature, re-wrapped and signed by the signer. */
export function signConfigUpdateEnvelope(
  envelope: ConfigUpdateEnvelope,
  identity: SigningIdentity,
  now: Date = new Date(),
): Uint8Array {
  const signature = makeConfigSignature(identity, envelope.configUpdate);
  const data = mustEncode('common.ConfigUpdateEnvelope', {
    config_update: envelope.configUpdate,
    signatures: [...envelope.signatures, signature],
  });
  const channelHeader = mustEncode('common.ChannelHeader', {
    type: HEADER_TYPE_CONFIG_UPDATE,
    version: 0,
    timestamp: { seconds: Math.floor(now.getTime() / 1000), nanos: 0 },
    channel_id: envelope.channelId,
    epoch: 0,
  });
  const payload = mustEncode('common.Payload', {
    header: { channel_header: channelHeader, signature_header: newSignatureHeader(identity) },
    data,
  });
  return mustEncode('common.Envelope', { payload, signature: signLowS(payload, identity.privateKey) });
}

function bytesOf(value: unknown): Uint8Array {
  return (value as Uint8Array | null | undefined) ?? new Uint8Array();
}

function mustEncode(type: string, message: ProtoMessage): Uint8Array {
  const bytes = encode(type, message);
  if (!bytes.value) throw new Error(`cannot encode ${type}: ${bytes.diagnostics[0]?.message}`);
  return bytes.value;
}
