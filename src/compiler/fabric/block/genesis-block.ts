// A channel's genesis block, as `configtxgen -outputBlock` makes it for the channel participation API:
// Block 0 holding one CONFIG Envelope (ChannelHeader type CONFIG, version 1; SignatureHeader with a nonce and no
// creator; ConfigEnvelope{config}), the data hash over the envelope, and the orderer metadata pointing at
// itself as the last config. configtxgen picks a random nonce and the current time; netspec derives the nonce from
// the config and the timestamp, so the same spec at the same time gives the same bytes.
import { createHash } from 'node:crypto';
import { encodeMessage, type ProtoMessage } from '../proto/wire.js';

const HEADER_TYPE_CONFIG = 1;
const CHANNEL_HEADER_VERSION = 1;
/** Block metadata slots: SIGNATURES, LAST_CONFIG (deprecated), TRANSACTIONS_FILTER, ORDERER (deprecated), COMMIT_HASH. */
const METADATA_SLOTS = 5;

export interface GenesisOptions {
  /** The channel header timestamp (whole seconds, as configtxgen writes it). */
  timestamp: Date;
}

export function genesisBlock(config: ProtoMessage, channelId: string, options: GenesisOptions): Uint8Array {
  const configEnvelope = encodeMessage('common.ConfigEnvelope', { config });
  const seconds = Math.floor(options.timestamp.getTime() / 1000);
  const nonce = sha256(Buffer.from('netspec genesis nonce'), configEnvelope, Buffer.from(String(seconds))).subarray(
    0,
    24,
  );
  // protoutil.ComputeTxID: hex(SHA-256(nonce || creator)); the genesis block has no creator.
  const txId = sha256(nonce).toString('hex');
  const channelHeader = encodeMessage('common.ChannelHeader', {
    type: HEADER_TYPE_CONFIG,
    version: CHANNEL_HEADER_VERSION,
    timestamp: { seconds, nanos: 0 },
    channel_id: channelId,
    tx_id: txId,
    epoch: 0,
  });
  const signatureHeader = encodeMessage('common.SignatureHeader', { nonce });
  const payload = encodeMessage('common.Payload', {
    header: { channel_header: channelHeader, signature_header: signatureHeader },
    data: configEnvelope,
  });
  const envelope = encodeMessage('common.Envelope', { payload });
  const ordererMetadata = encodeMessage('common.Metadata', {
    value: encodeMessage('common.OrdererBlockMetadata', { last_config: { index: 0 } }),
  });
  return encodeMessage('common.Block', {
    header: { number: 0, data_hash: sha256(envelope) },
    data: { data: [envelope] },
    metadata: { metadata: [ordererMetadata, ...Array.from({ length: METADATA_SLOTS - 1 }, () => new Uint8Array())] },
  });
}

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
