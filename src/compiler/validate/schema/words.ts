// JSON types and values in the words of someone editing YAML: "a list", "a mapping", "text ('abc')".
import { containsKeyMaterial } from '../../diagnostics/index.js';
import { jsonTypeOf } from './schema-at.js';

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/** `a whole number`, `text or a whole number`, `text, a number or true or false`. */
export function typeWords(types: string | readonly string[]): string {
  const list = (Array.isArray(types) ? types : [types]).map((type) => TYPE_WORDS[type] ?? type);
  return joinWords(list, 'or');
}

/** What the user actually wrote, short: `text ('abc')`, `the number 7051`, `a list`, `empty`. */
export function describeValue(value: unknown): string {
  switch (jsonTypeOf(value)) {
    case 'string':
      return `text (${quote(value)})`;
    case 'integer':
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `${String(value)}`;
    case 'null':
      return 'empty';
    case 'array':
      return 'a list';
    default:
      return 'a mapping';
  }
}

/** A scalar as it would be quoted in a message: `'abc'`, `7051`, `true`. */
export function quote(value: unknown): string {
  // Not a byte of a private key in a message, not even its first line: say what it is instead.
  if (typeof value === 'string' && containsKeyMaterial(value)) return 'a private key (not shown)';
  if (typeof value === 'string') return `'${truncate(value)}'`;
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

export function joinWords(words: readonly string[], conjunction: 'or' | 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** A long value (a pasted key, a whole paragraph) would bury the message: keep its start. */
function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
