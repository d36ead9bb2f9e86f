// One pruned ajv error -> one diagnostic that says, in the spec's terms, what is wrong and where (line:col).
import { closestMatch, type Diagnostic, type DiagnosticCode, type SourceRange } from '../../diagnostics/index.js';
import { type DataPath, locate, type ParsedSpec } from '../../parse/index.js';
import { describePlace, isKeyedEntity } from './describe-place.js';
import { toDataPath, valueAt } from './instance-path.js';
import type { SchemaError, SchemaNode } from './precompiled-validator.js';
import type { AlternativesParams, PropertyNameParams } from './prune-errors.js';
import { jsonTypeOf, resolve, schemaAt } from './schema-at.js';
import { describeValue, joinWords, quote, typeWords } from './words.js';

/** Said when a schema node has no `x-expected` words (a test keeps every pattern described). */
const FALLBACK_EXPECTED = 'text in the expected format';

interface Finding {
  code: DiagnosticCode;
  message: string;
  hint?: string;
  ranges: SourceRange[];
}

export function mapSchemaError(error: SchemaError, parsed: ParsedSpec, schema: SchemaNode): Diagnostic {
  const finding = describeError(error, parsed, schema);
  return {
    code: finding.code,
    severity: 'error',
    message: finding.message,
    ...(finding.hint ? { hint: finding.hint } : {}),
    ranges: finding.ranges,
  };
}

function describeError(error: SchemaError, parsed: ParsedSpec, schema: SchemaNode): Finding {
  const data = parsed.data;
  const path = toDataPath(error.instancePath, data);
  const value = valueAt(data, path);
  const place = describePlace(data, path);
  const at = (target: DataPath = path, pointAt: 'key' | 'value' = 'value') => [locate(parsed, target, pointAt)];
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schemaAt(schema, data, path)?.properties ?? {});
      const match = closestMatch(key, allowed);
      return {
        code: 'NS_SCHEMA_UNKNOWN_KEY',
        message: `unknown key '${key}' in ${place}`,
        hint: match ? `did you mean '${match}'?` : `allowed keys here: ${allowed.join(', ')}`,
        ranges: at([...path, key], 'key'),
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      // The property's own description ("The organization's MSP id"), not the shared definition it refers to.
      const description = schemaAt(schema, data, path)?.properties?.[missing]?.description;
      // Point at the key that opens the object (`trade:`), not at its first field, which reads as the culprit.
      return {
        code: 'NS_SCHEMA_REQUIRED',
        message: `${place} is missing the required field '${missing}'`,
        ...(description ? { hint: `${missing}: ${firstSentence(description)}` } : {}),
        ranges: at(path, 'key'),
      };
    }
    case 'type': {
      const alternatives = (params as Partial<AlternativesParams>).alternatives === true;
      const expected = alternatives
        ? (schemaAt(schema, data, path, { keepAlternatives: true })?.['x-expected'] ??
          typeWords(params.type as string[]))
        : typeWords(params.type as string | string[]);
      const textSchema = textBranch(schemaAt(schema, data, path, { keepAlternatives: true }));
      return {
        code: 'NS_SCHEMA_TYPE',
        message: `${place} must be ${expected}, not ${describeValue(value)}`,
        ...typeHint(textSchema, value, sourceText(parsed, path)),
        // An empty value (`ca:`) has no text of its own to point at: point at its key.
        ranges: at(path, value === null ? 'key' : 'value'),
      };
    }
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'enum' ? params.allowedValues : [params.allowedValue]) as unknown[];
      const listed = joinWords(allowed.map(quote), 'or');
      const match = typeof value === 'string' ? closestMatch(value, allowed.map(String)) : undefined;
      const quoted = allowed.includes(String(value)) && typeof value !== 'string';
      return {
        code: 'NS_SCHEMA_ENUM',
        message: `${place} must be ${allowed.length > 1 ? 'one of ' : ''}${listed}, not ${quote(value)}`,
        ...(match ? { hint: `did you mean '${match}'?` } : {}),
        ...(quoted ? { hint: `write it in quotes, "${String(value)}", so YAML reads it as text` } : {}),
        ranges: at(),
      };
    }
    case 'pattern':
    case 'format':
      return {
        code: 'NS_SCHEMA_FORMAT',
        message: `${place} must be ${expectedWords(schemaAt(schema, data, path))}, not ${quote(value)}`,
        ranges: at(),
      };
    case 'propertyNames':
      return describeBadKey(params as unknown as PropertyNameParams, path, parsed, schema);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'NS_SCHEMA_RANGE',
        message: `${place} must be ${COMPARISONS[String(params.comparison)] ?? 'within'} ${String(params.limit)}, not ${quote(value)}`,
        ranges: at(),
      };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return {
        code: 'NS_SCHEMA_RANGE',
        message: `${place} ${sizeRule(error.keyword, Number(params.limit), value)}`,
        ranges: at(),
      };
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const item = Array.isArray(value) ? value[later] : undefined;
      return {
        code: 'NS_SCHEMA_INVALID',
        message: `${place} lists ${quote(item)} twice`,
        hint: 'remove the repeated entry',
        ranges: [locate(parsed, [...path, later]), locate(parsed, [...path, earlier])],
      };
    }
    default:
      return { code: 'NS_SCHEMA_INVALID', message: `${place} ${error.message ?? 'is not valid'}`, ranges: at() };
  }
}

const COMPARISONS: Record<string, string> = {
  '>=': 'at least',
  '<=': 'at most',
  '>': 'greater than',
  '<': 'less than',
};

/** A map key that breaks its naming rule: `the name of channel 'Trade' must be a channel name ...`. */
function describeBadKey(params: PropertyNameParams, path: DataPath, parsed: ParsedSpec, schema: SchemaNode): Finding {
  const data = parsed.data;
  const key = params.propertyName;
  const keyPath = [...path, key];
  const subject = isKeyedEntity(data, keyPath)
    ? `the name of ${describePlace(data, keyPath)}`
    : `the key '${key}' in ${describePlace(data, path)}`;
  const ranges = [locate(parsed, keyPath, 'key')];
  // A key of the wrong length (empty, or longer than a DNS label may be) is told as such, not as a format.
  const length = params.inner.find((inner) => inner.keyword === 'minLength' || inner.keyword === 'maxLength');
  if (length) {
    const rule = sizeRule(length.keyword, Number(length.params.limit), key);
    return { code: 'NS_SCHEMA_RANGE', message: `${subject} ${rule}`, ranges };
  }
  const keySchema = schemaAt(schema, data, path)?.propertyNames;
  const expected = expectedWords(keySchema && resolve(schema, keySchema, key));
  return { code: 'NS_SCHEMA_FORMAT', message: `${subject} must be ${expected}`, ranges };
}

function expectedWords(node: SchemaNode | undefined): string {
  return node?.['x-expected'] ?? FALLBACK_EXPECTED;
}

function sizeRule(keyword: string, limit: number, value: unknown): string {
  const unit = (noun: string) => `${limit} ${noun}${limit === 1 ? '' : 's'}`;
  switch (keyword) {
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${unit('character')} long`;
    case 'maxLength':
      return `must be at most ${unit('character')} long (it has ${typeof value === 'string' ? value.length : '?'})`;
    case 'minItems':
      return limit === 1 ? 'must list at least one item' : `must list at least ${unit('item')}`;
    case 'maxItems':
      return `must list at most ${unit('item')}`;
    case 'minProperties':
      return limit === 1 ? 'must define at least one entry' : `must define at least ${unit('entry')}`;
    default:
      return `must define at most ${unit('entry')}`;
  }
}

/**
 * The usual YAML slips behind a type error: an unquoted version (`1.10` read as a number), an empty `ca:`, a single
 * value where a list belongs. Quoting is suggested only when the quoted text would then be accepted.
 */
function typeHint(node: SchemaNode | undefined, value: unknown, source: string): { hint?: string } {
  const types = typesOf(node);
  const actual = jsonTypeOf(value);
  const scalar = actual === 'integer' || actual === 'number' || actual === 'boolean';
  if (scalar && node && types.includes('string') && acceptsText(node, source)) {
    return { hint: `write it in quotes, "${source}", so YAML reads it as text` };
  }
  if (types.includes('object') && actual === 'null') return { hint: 'write {} for an empty mapping' };
  if (types.includes('array') && actual === 'null') return { hint: 'write [] for an empty list' };
  if (types.includes('array') && actual !== 'object') return { hint: `write a list: [${source}]` };
  return {};
}

/** Of a value's alternatives, the one that takes text (the schema node itself when it has no alternatives). */
function textBranch(node: SchemaNode | undefined): SchemaNode | undefined {
  const branches = node?.anyOf ?? node?.oneOf;
  return branches ? (branches.find((branch) => typesOf(branch).includes('string')) ?? node) : node;
}

function typesOf(node: SchemaNode | undefined): string[] {
  const type = node?.type;
  return type === undefined ? [] : Array.isArray(type) ? type : [type];
}

function acceptsText(node: SchemaNode, text: string): boolean {
  if (node.enum && !node.enum.includes(text)) return false;
  return node.pattern === undefined || new RegExp(node.pattern, 'u').test(text);
}

/** What the user typed for a value (so `1.10` stays `1.10`, not the number 1.1). */
function sourceText(parsed: ParsedSpec, path: DataPath): string {
  const range = locate(parsed, path);
  return parsed.text.slice(range.start, range.end).trim();
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
