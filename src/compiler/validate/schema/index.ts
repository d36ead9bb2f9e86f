// Schema check: the JSON Schema (schema/network.schema.json), precompiled at build time, applied to the parsed
// spec; every error comes back as a diagnostic at the key or value it is about, in the spec's own terms.
export { checkSchema } from './check-schema.js';
export { networkSchema, runSchemaValidator, type SchemaError, type SchemaNode } from './precompiled-validator.js';
