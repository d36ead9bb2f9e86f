// Kubernetes objects -> YAML text, exactly as the `yaml` package prints them (block style, two-space indent,
// sequences indented under their key, no line folding), but about ten times faster: a large consortium emits
// thousands of manifests on every plan. Plain words are written directly; every other scalar is rendered by
// `yaml` itself (and remembered), and an object with anything unusual (multi-line text, nested lists, fractions)
// is handed to `yaml` whole. Tests hold this byte-identical to `yaml` on every manifest the examples emit.
import { yamlPackage } from '../../yaml-package.js';

// lineWidth 0: never fold long values (an image or a JSON env value must stay byte-identical across runs).
const OPTIONS = { lineWidth: 0, sortMapEntries: false, aliasDuplicateObjects: false } as const;

export function toYaml(value: unknown): string {
  const lines: string[] = [];
  if (!isPlainObject(value) || !writeMap(value, '', lines)) return yamlPackage().stringify(value, OPTIONS);
  return lines.length === 0 ? '{}\n' : `${lines.join('\n')}\n`;
}

/** Not something the fast path knows how to print exactly as `yaml` does. */
const UNUSUAL = Symbol('unusual');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends `key: value` lines at `indent`; false when the object needs `yaml` itself. */
function writeMap(map: Record<string, unknown>, indent: string, lines: string[], firstPrefix?: string): boolean {
  let first = true;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (!SAFE_KEY.test(key) || RESERVED.has(key)) return false;
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${lead}${key}: []`);
      else {
        lines.push(`${lead}${key}:`);
        if (!writeList(value, `${indent}  `, lines)) return false;
      }
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) lines.push(`${lead}${key}: {}`);
      else {
        lines.push(`${lead}${key}:`);
        if (!writeMap(value, `${indent}  `, lines)) return false;
      }
    } else {
      const text = scalar(value);
      if (text === UNUSUAL) return false;
      lines.push(`${lead}${key}: ${text}`);
    }
  }
  return true;
}

function writeList(list: unknown[], indent: string, lines: string[]): boolean {
  for (const item of list) {
    if (Array.isArray(item)) return false;
    if (isPlainObject(item)) {
      if (Object.keys(item).length === 0) lines.push(`${indent}- {}`);
      else if (!writeMap(item, `${indent}  `, lines, `${indent}- `)) return false;
    } else {
      const text = scalar(item);
      if (text === UNUSUAL) return false;
      lines.push(`${indent}- ${text}`);
    }
  }
  return true;
}

// Text `yaml` prints as it is: starts with a letter, digit or '/', then letters, digits and - _ . / and inner
// single colons. Anything that could read as a number, a boolean or null is excluded below.
const SAFE_WORD = /^[A-Za-z/][A-Za-z0-9_./-]*(?::[A-Za-z0-9_./-]+)*$/;
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const RESERVED = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
const rendered = new Map<string, string | typeof UNUSUAL>();

function scalar(value: unknown): string | typeof UNUSUAL {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : UNUSUAL;
  if (typeof value !== 'string') return UNUSUAL;
  if (SAFE_WORD.test(value) && !RESERVED.has(value)) return value;
  let text = rendered.get(value);
  if (text === undefined) {
    const printed = yamlPackage().stringify(value, OPTIONS);
    // Multi-line text becomes a block scalar whose layout depends on where it sits: leave it to `yaml`.
    text = printed.indexOf('\n') === printed.length - 1 ? printed.slice(0, -1) : UNUSUAL;
    rendered.set(value, text);
  }
  return text;
}
