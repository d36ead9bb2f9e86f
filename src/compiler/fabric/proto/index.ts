// The Fabric protobuf layer: the .proto files of `fabric-protos` loaded once with protobufjs 8, and
// deterministic binary encoding (sorted map keys, proto3 defaults omitted) so equal messages give equal bytes.
export { CodecError, joinPath, UnknownTypeError } from './codec-error.js';
export { fabricRoot } from './load-root.js';
export { messageType, messageTypeNames } from './message-type.js';
export { compareUtf8, decodeMessage, encodeMessage, type ProtoMessage } from './wire.js';
