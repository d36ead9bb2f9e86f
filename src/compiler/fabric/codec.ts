// The Fabric codec: decode and encode Fabric messages, convert them to and from the JSON that configtxlator
// prints, compute config updates like `configtxlator compute_update`, read a config block and wrap an update for
// submission. Every function returns {value, diagnostics}; a user's bad input is never thrown. Kept apart from
// the channel config builder so the codec commands load only this.
import { type Diagnostic, type DiagnosticCode, fileRange, type StageResult } from '../diagnostics/index.js';
import {
  type ConfigSignature,
  readConfigBlock,
  readConfigFromBlock,
  type WrapOptions,
  wrapUpdate,
} from './block/index.js';
import { type Json, messageFromJson, messageToJson } from './json/index.js';
import {
  CodecError,
  decodeMessage,
  encodeMessage,
  messageType,
  type ProtoMessage,
  UnknownTypeError,
} from './proto/index.js';
import { canonicalConfig, computeConfigUpdate } from './update/index.js';

export { type GenesisOptions, genesisBlock } from './block/index.js';
export { printJson } from './json/index.js';
export { lengthDelimitedFields } from './proto/length-delimited-fields.js';
export type { ConfigSignature, Json, ProtoMessage, WrapOptions };

/** Where an input came from, for diagnostics (a file name as the user typed it). */
export interface SourceOptions {
  source?: string;
}

/** Binary -> message object (snake_case fields, Long for 64-bit integers, Buffer views for bytes). */
export function decode(type: string, bytes: Uint8Array, options: SourceOptions = {}): StageResult<ProtoMessage> {
  return attempt('NS_FABRIC_PROTO_INVALID', options, () => {
    messageType(type);
    return decodeMessage(type, bytes);
  });
}

/** Message object -> deterministic bytes (map entries sorted, proto3 defaults omitted). */
export function encode(type: string, message: ProtoMessage, options: SourceOptions = {}): StageResult<Uint8Array> {
  return attempt('NS_FABRIC_JSON_INVALID', options, () => encodeMessage(type, message));
}

/** Message object -> the JSON `configtxlator proto_decode` prints (print it with printJson). */
export function toJson(type: string, message: ProtoMessage, options: SourceOptions = {}): StageResult<Json> {
  return attempt('NS_FABRIC_PROTO_INVALID', options, () => messageToJson(type, message));
}

/** configtxlator JSON -> message object; unknown fields and wrong values are refused with their path. */
export function fromJson(type: string, json: Json, options: SourceOptions = {}): StageResult<ProtoMessage> {
  return attempt('NS_FABRIC_JSON_INVALID', options, () => messageFromJson(type, json));
}

/**
 * The `common.ConfigUpdate` from `original` to `updated` (both `common.Config` messages), exactly as
 * `configtxlator compute_update`; refuses when they do not differ.
 */
export function computeUpdate(
  channelId: string,
  original: ProtoMessage,
  updated: ProtoMessage,
): StageResult<ProtoMessage> {
  if (!original.channel_group)
    return failure('NS_FABRIC_PROTO_INVALID', 'no channel group included for original config', {});
  if (!updated.channel_group)
    return failure('NS_FABRIC_PROTO_INVALID', 'no channel group included for updated config', {});
  const update = computeConfigUpdate(channelId, original, updated);
  if (!update)
    return failure('NS_FABRIC_NO_CHANGES', 'no differences detected between original and updated config', {});
  return { value: update, diagnostics: [] };
}

/**
 * A decoded `common.Config` with every value, policy and MSP re-encoded the way this codec encodes its own, as the
 * configtxlator JSON round trip would give it (unknown fields dropped): Go marshals maps in random order, so live
 * bytes can differ from ours without any change in content.
 */
export function canonical(
  config: ProtoMessage,
  options: SourceOptions & {
    /** A config this codec encoded (the spec's): items equal to it in bytes are canonical already and kept. */
    ours?: ProtoMessage;
  } = {},
): StageResult<ProtoMessage> {
  return attempt('NS_FABRIC_PROTO_INVALID', options, () => canonicalConfig(config, options.ours));
}

/** The `common.Config` carried by a config block (as `peer channel fetch config` writes it, or a genesis block). */
export function configFromBlock(blockBytes: Uint8Array, options: SourceOptions = {}): StageResult<ProtoMessage> {
  return attempt('NS_FABRIC_NOT_CONFIG_BLOCK', options, () => readConfigFromBlock(blockBytes));
}

/** The config block's config, the channel it belongs to, the block's number and the update that made it. */
export function configBlockInfo(
  blockBytes: Uint8Array,
  options: SourceOptions = {},
): StageResult<{ config: ProtoMessage; channelId: string; blockNumber: string; lastUpdate?: Uint8Array }> {
  return attempt('NS_FABRIC_NOT_CONFIG_BLOCK', options, () => readConfigBlock(blockBytes));
}

/**
 * A CONFIG_UPDATE Envelope around the signed update bytes (kept exactly as given), with the organizations'
 * ConfigSignatures; the envelope's own signature is left empty for the submitter.
 */
export function wrapConfigUpdate(
  updateBytes: Uint8Array,
  signatures: readonly ConfigSignature[],
  channelId: string,
  options: WrapOptions = {},
): Uint8Array {
  return wrapUpdate(updateBytes, signatures, channelId, options);
}

function attempt<T>(code: DiagnosticCode, options: SourceOptions, run: () => T): StageResult<T> {
  try {
    return { value: run(), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    return failure(error instanceof UnknownTypeError ? 'NS_FABRIC_UNKNOWN_TYPE' : code, error.message, options);
  }
}

function failure<T>(code: DiagnosticCode, message: string, options: SourceOptions): StageResult<T> {
  const diagnostic: Diagnostic = {
    code,
    severity: 'error',
    message,
    ranges: options.source === undefined ? [] : [fileRange(options.source)],
  };
  return { value: undefined, diagnostics: [diagnostic] };
}
