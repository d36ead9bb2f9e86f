// JSON text as configtxlator writes it (Go's encoding/json Encoder with a tab indent): object keys sorted,
// `<`, `>`, `&`, U+2028 and U+2029 escaped, one trailing newline. Same text for the same message, every time.
import { compareUtf8 } from '../proto/wire.js';
import type { Json } from './json-value.js';

export function printJson(value: Json): string {
  // JSON.stringify with a tab indent lays out exactly like Go's Encoder (empty {} and [] included), but JS objects
  // list integer-like keys first; such documents take the slower printer that follows Go's key order exactly.
  const text = hasIntegerKey(value) ? printSorted(value, '') : JSON.stringify(sortedCopy(value), null, '\t');
  // These characters can only occur inside strings, so escaping them in the finished text is safe.
  return `${text.replace(/[<>&\u2028\u2029]/g, escapeChar)}\n`;
}

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function sortedCopy(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort(compareUtf8)) out[key] = sortedCopy(value[key] as Json);
  return out;
}

function hasIntegerKey(value: Json): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasIntegerKey);
  return Object.keys(value).some((key) => /^(0|[1-9]\d*)$/.test(key) || hasIntegerKey(value[key] as Json));
}

function printSorted(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + printSorted(item, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort(compareUtf8);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `${inner}${JSON.stringify(key)}: ${printSorted(value[key] as Json, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
