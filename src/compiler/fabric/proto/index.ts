// The Fabric protobuf layer: the schema of the `fabric-protos` .proto files (resolved at build time), and a
// codec for it whose encoding is deterministic (sorted map keys, proto3 defaults omitted), so equal messages give
// equal bytes.
export { CodecError, joinPath, UnknownTypeError } from './codec-error.js';
export {
  type EnumSchema,
  enumType,
  type FieldSchema,
  type MessageSchema,
  messageType,
  messageTypeNames,
  type ServiceMethod,
  serviceMethods,
} from './schema.js';
export { compareUtf8, decodeMessage, encodeMessage, type ProtoMessage } from './wire.js';
