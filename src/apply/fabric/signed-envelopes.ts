// The signed messages netspec sends, built as Fabric's protoutil builds them: a ChannelHeader (type, channel,
// tx id, whole-second timestamp), a SignatureHeader (creator = the serialized identity, a fresh 24-byte nonce),
// and an ECDSA low-S signature over the exact payload/proposal bytes. tx_id = hex(SHA-256(nonce || creator)).
import { createHash, randomBytes } from 'node:crypto';
import { decode, encode, type ProtoMessage, wrapConfigUpdate } from '../../compiler/fabric/index.js';
import {
  type ConfigSignatureBytes,
  NONCE_SIZE,
  type SigningIdentity,
  serializeIdentity,
  signLowS,
} from '../../governance/index.js';

export const HeaderType = {
  CONFIG: 1,
  CONFIG_UPDATE: 2,
  ENDORSER_TRANSACTION: 3,
  DELIVER_SEEK_INFO: 5,
} as const;

export interface SignedHeader {
  channelHeader: Uint8Array;
  signatureHeader: Uint8Array;
  txId: string;
}

export function makeHeader(
  identity: SigningIdentity,
  type: number,
  channelId: string,
  options: { extension?: Uint8Array; now?: Date } = {},
): SignedHeader {
  const creator = serializeIdentity(identity.mspId, identity.certificatePem);
  const nonce = randomBytes(NONCE_SIZE);
  const txId = createHash('sha256').update(nonce).update(creator).digest('hex');
  const millis = (options.now ?? new Date()).getTime();
  const channelHeader = mustEncode('common.ChannelHeader', {
    type,
    channel_id: channelId,
    tx_id: txId,
    timestamp: { seconds: Math.floor(millis / 1000), nanos: 0 },
    ...(options.extension ? { extension: options.extension } : {}),
  });
  const signatureHeader = mustEncode('common.SignatureHeader', { creator, nonce });
  return { channelHeader, signatureHeader, txId };
}

/** Envelope{payload, signature over payload}: the payload bytes are signed as built, never re-encoded. */
export function signPayload(identity: SigningIdentity, header: SignedHeader, data: Uint8Array): Uint8Array {
  const payload = mustEncode('common.Payload', {
    header: { channel_header: header.channelHeader, signature_header: header.signatureHeader },
    data,
  });
  return mustEncode('common.Envelope', { payload, signature: signLowS(payload, identity.privateKey) });
}

export type SeekPosition = 'newest' | 'oldest' | bigint | number;

/** A DELIVER_SEEK_INFO envelope asking for blocks start..stop, waiting until they exist. */
export function seekEnvelope(
  identity: SigningIdentity,
  channelId: string,
  start: SeekPosition,
  stop: SeekPosition = start,
): Uint8Array {
  const header = makeHeader(identity, HeaderType.DELIVER_SEEK_INFO, channelId);
  const seekInfo = mustEncode('orderer.SeekInfo', {
    start: position(start),
    stop: position(stop),
    behavior: 0, // BLOCK_UNTIL_READY
  });
  return signPayload(identity, header, seekInfo);
}

function position(value: SeekPosition): ProtoMessage {
  if (value === 'newest') return { newest: {} };
  if (value === 'oldest') return { oldest: {} };
  return { specified: { number: value.toString() } };
}

/**
 * `peer channel update`: the update bytes exactly as the organizations signed them, their ConfigSignatures, and
 * the submitter's signature header and envelope signature.
 */
export function configUpdateEnvelope(
  identity: SigningIdentity,
  channelId: string,
  updateBytes: Uint8Array,
  signatures: readonly ConfigSignatureBytes[],
): { envelope: Uint8Array; txId: string } {
  const header = makeHeader(identity, HeaderType.CONFIG_UPDATE, channelId);
  const unsigned = wrapConfigUpdate(updateBytes, signatures, channelId, { signatureHeader: header.signatureHeader });
  // wrapConfigUpdate's channel header carries no tx id; ours does (the nonce/creator digest Fabric logs).
  // `data` (the ConfigUpdateEnvelope with the signed update bytes) is carried over as bytes, untouched.
  const wrapped = mustDecode('common.Payload', mustDecode('common.Envelope', unsigned).payload as Uint8Array);
  const signed = signPayload(identity, header, wrapped.data as Uint8Array);
  return { envelope: signed, txId: header.txId };
}

export function mustEncode(type: string, message: ProtoMessage): Uint8Array {
  const bytes = encode(type, message);
  if (!bytes.value) throw new Error(`cannot encode ${type}: ${bytes.diagnostics[0]?.message}`);
  return bytes.value;
}

export function mustDecode(type: string, bytes: Uint8Array | null | undefined): ProtoMessage {
  const message = decode(type, bytes ?? new Uint8Array());
  if (!message.value) throw new Error(`not a ${type}: ${message.diagnostics[0]?.message}`);
  return message.value;
}
