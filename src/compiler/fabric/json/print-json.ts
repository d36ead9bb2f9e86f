// JSON text as configtxlator writes it (Go's encoding/json Encoder with a tab indent): object keys sorted,
// `<`, `>`, `&`, U+2028 and U+2029 escaped, one trailing newline. Same text for the same message, every time.
import { compareUtf8 } from '../proto/wire.js';
import type { Json } from './json-value.js';

export function printJson(value: Json): string {
  return `${print(value, '')}\n`;
}

function print(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? quote(value) : String(value);
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + print(item, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort(compareUtf8);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((key) => `${inner}${quote(key)}: ${print(value[key] as Json, inner)}`).join(',\n')}\n${indent}}`;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
