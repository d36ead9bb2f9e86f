// The channel config inside a config block (what `peer channel fetch config` writes, or a genesis block):
// Block.data.data[0] is an Envelope whose Payload, of header type CONFIG, holds a ConfigEnvelope.
import { CodecError } from '../proto/codec-error.js';
import { decodeMessage, type ProtoMessage } from '../proto/wire.js';

const HEADER_TYPE_CONFIG = 1;

export function readConfigFromBlock(blockBytes: Uint8Array): ProtoMessage {
  return readConfigBlock(blockBytes).config;
}

/** The config and the channel it belongs to (from the CONFIG transaction's channel header). */
export function readConfigBlock(blockBytes: Uint8Array): {
  config: ProtoMessage;
  channelId: string;
  blockNumber: string;
  /**
   * The exact config_update bytes of the update that made this config (ConfigEnvelope.last_update), by which an
   * update already applied is recognised; undefined for a genesis config.
   */
  lastUpdate?: Uint8Array;
} {
  const block = decodeMessage('common.Block', blockBytes);
  const data = ((block.data as ProtoMessage | null)?.data as Uint8Array[] | undefined) ?? [];
  if (data.length !== 1)
    throw new CodecError(`a config block holds exactly one transaction, this block holds ${data.length}`, 'data.data');
  const envelope = decodeMessage('common.Envelope', data[0]!, 'data.data[0]');
  const payload = decodeMessage('common.Payload', bytesOf(envelope.payload), 'data.data[0].payload');
  const header = payload.header as ProtoMessage | null;
  const channelHeader = decodeMessage(
    'common.ChannelHeader',
    bytesOf(header?.channel_header),
    'data.data[0].payload.header.channel_header',
  );
  const type = Number(channelHeader.type ?? 0);
  if (type !== HEADER_TYPE_CONFIG)
    throw new CodecError(`the transaction has header type ${type}, not CONFIG (1)`, 'data.data[0].payload.header');
  const configEnvelope = decodeMessage('common.ConfigEnvelope', bytesOf(payload.data), 'data.data[0].payload.data');
  const config = configEnvelope.config as ProtoMessage | null;
  if (!config?.channel_group)
    throw new CodecError('the config envelope holds no channel config', 'data.data[0].payload.data.config');
  const blockNumber = String((block.header as ProtoMessage | null)?.number ?? 0);
  const lastUpdate = lastConfigUpdate(configEnvelope.last_update as ProtoMessage | null | undefined);
  return {
    config,
    channelId: String(channelHeader.channel_id ?? ''),
    blockNumber,
    ...(lastUpdate ? { lastUpdate } : {}),
  };
}

/** last_update (an Envelope) -> Payload -> ConfigUpdateEnvelope.config_update. */
function lastConfigUpdate(envelope: ProtoMessage | null | undefined): Uint8Array | undefined {
  if (!envelope?.payload) return undefined;
  const path = 'data.data[0].payload.data.last_update';
  const payload = decodeMessage('common.Payload', bytesOf(envelope.payload), `${path}.payload`);
  const update = decodeMessage('common.ConfigUpdateEnvelope', bytesOf(payload.data), `${path}.payload.data`);
  const bytes = bytesOf(update.config_update);
  return bytes.length > 0 ? bytes : undefined;
}

function bytesOf(value: unknown): Uint8Array {
  return (value as Uint8Array | null | undefined) ?? new Uint8Array();
}
