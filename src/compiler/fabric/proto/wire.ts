// Binary encoding and decoding of Fabric messages by type name, with failures reported as CodecErrors that say
// which type and where. Encoding is deterministic (see encode.ts).
import { CodecError } from './codec-error.js';
import { decodeWire, type ProtoMessage, WireError } from './decode.js';
import { encodeWire } from './encode.js';
import { messageType } from './schema.js';

export type { ProtoMessage } from './decode.js';
export { compareUtf8 } from './encode.js';

export function decodeMessage(typeName: string, bytes: Uint8Array, path = ''): ProtoMessage {
  const type = messageType(typeName);
  try {
    return decodeWire(type, bytes);
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    throw new CodecError(`not a valid ${typeName} (${error.message}): truncated or not this message type`, path);
  }
}

export function encodeMessage(typeName: string, message: ProtoMessage): Uint8Array {
  return encodeWire(messageType(typeName), message);
}
