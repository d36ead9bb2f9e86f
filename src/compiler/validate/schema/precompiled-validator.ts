// The typed face of the generated validator (scripts/build-schema-validator.mjs writes ../generated/ at build time).
// The generated module is untyped (`@ts-nocheck`); everything else in netspec reads it through this file only.
import type { ErrorObject } from 'ajv';
import * as generated from '../generated/network-schema-validator.js';

/** One complaint of the validator, as ajv reports it (instancePath is a JSON pointer into the data). */
export type SchemaError = Pick<ErrorObject, 'keyword' | 'instancePath' | 'schemaPath' | 'params' | 'message'>;

/** A node of schema/network.schema.json, read only for names, `x-expected` words and structure. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
  pattern?: string;
  enum?: unknown[];
  'x-expected'?: string;
  description?: string;
}

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const validateFunction = generated.default as unknown as ValidateFunction;

/** Validates `data` against the network schema; returns every error (the validator runs with allErrors). */
export function runSchemaValidator(data: unknown): readonly SchemaError[] {
  if (validateFunction(data)) return [];
  return validateFunction.errors ?? [];
}

/** The schema the validator was generated from (same build), for key names and format descriptions. */
export const networkSchema = generated.networkSchema as unknown as SchemaNode;
