// The configtxlator-compatible JSON codec: Fabric messages to and from the JSON `configtxlator proto_decode`
// prints, with opaque bytes fields expanded by context (ConfigValue by key and group, Policy by type, ...).
export type { GroupKind } from './expansions.js';
export { configValueBytes, messageFromJson } from './from-json.js';
export { isJsonObject, type Json, type JsonObject } from './json-value.js';
export { printJson } from './print-json.js';
export { messageToJson } from './to-json.js';
