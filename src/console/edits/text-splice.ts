// Edits to a YAML text that touch only the bytes they change: a scalar's value is replaced where it stands (in its
// own quoting style), a key or list item is inserted beside its siblings with their indentation. Re-serializing the
// whole document would reflow every flow list and quote of the file, and the reviewer's diff would drown in it.
import type { Document, Node, Scalar } from 'yaml';
import { yamlPackage } from '../../yaml-package.js';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The text with the splices applied (they must not overlap). */
export function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start))
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  return out;
}

/** Sets `path` (a key of an existing mapping) to `value`: replaces the scalar, or adds the key when it is missing. */
export function setValue(
  document: Document,
  text: string,
  path: readonly (string | number)[],
  value: string | number,
): Splice | { error: string } {
  const node = document.getIn(path, true) as Node | undefined;
  if (node !== undefined) {
    if (!yamlPackage().isScalar(node) || !node.range)
      return { error: `${path.join('.')} is not a single value in network.yaml` };
    return { start: node.range[0], end: node.range[1], text: scalarText(value, node) };
  }
  const parentPath = path.slice(0, -1);
  const parent = (parentPath.length === 0 ? document.contents : document.getIn(parentPath, true)) as Node | undefined;
  if (!yamlPackage().isMap(parent) || !parent.range)
    return { error: `${parentPath.join('.')} is not a mapping in network.yaml` };
  return insertEntries(text, parent, [[String(path[path.length - 1]), value]]);
}

/** Adds a mapping `key` holding `entries` under the mapping at `parentPath` (which must lack the key). */
export function addMapping(
  document: Document,
  text: string,
  parentPath: readonly (string | number)[],
  key: string,
  entries: [string, string | number][],
): Splice | { error: string } {
  const parent = document.getIn(parentPath, true) as Node | undefined;
  if (!yamlPackage().isMap(parent) || !parent.range || parent.flow)
    return { error: `${parentPath.join('.')} is not a block mapping in network.yaml` };
  const indent = indentOf(text, parent.items[0]?.key as Node | undefined);
  const inner = `${indent}  `;
  const block = `${indent}${key}:\n${entries.map(([k, v]) => `${inner}${k}: ${scalarText(v)}\n`).join('')}`;
  return { start: afterLastLine(text, parent.range[1]), end: afterLastLine(text, parent.range[1]), text: block };
}

/** Appends `item` to the list at `path`: inside the brackets of a flow list, or as a new `- item` line. */
export function appendItem(
  document: Document,
  text: string,
  path: readonly (string | number)[],
  item: string,
): Splice | { error: string } {
  const list = document.getIn(path, true) as Node | undefined;
  if (!yamlPackage().isSeq(list) || !list.range) return { error: `${path.join('.')} is not a list in network.yaml` };
  if (list.flow) {
    const close = text.lastIndexOf(']', list.range[1]);
    if (close < list.range[0]) return { error: `${path.join('.')} has no closing bracket` };
    return { start: close, end: close, text: `${list.items.length > 0 ? ', ' : ''}${scalarText(item)}` };
  }
  const first = list.items[0] as Node | undefined;
  const lineStart = first?.range ? text.lastIndexOf('\n', first.range[0]) + 1 : list.range[0];
  const indent = /^[ ]*/.exec(text.slice(lineStart))![0];
  const at = afterLastLine(text, list.range[1]);
  return { start: at, end: at, text: `${indent}- ${scalarText(item)}\n` };
}

function insertEntries(
  text: string,
  map: Node & { items: unknown[]; flow?: boolean; range?: [number, number, number] | null },
  entries: [string, string | number][],
): Splice {
  const range = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', range[1]);
    const lead = map.items.length > 0 ? ', ' : '';
    return { start: close, end: close, text: `${lead}${entries.map(([k, v]) => `${k}: ${scalarText(v)}`).join(', ')}` };
  }
  const indent = indentOf(text, (map.items[0] as { key?: Node } | undefined)?.key);
  const at = afterLastLine(text, range[1]);
  return { start: at, end: at, text: entries.map(([k, v]) => `${indent}${k}: ${scalarText(v)}\n`).join('') };
}

/** The leading spaces of the line a node starts on. */
function indentOf(text: string, node: Node | undefined): string {
  if (!node?.range) return '';
  const lineStart = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  return /^[ ]*/.exec(text.slice(lineStart))![0];
}

/** The start of the line after the last non-blank character before `end`: where a sibling line goes. */
function afterLastLine(text: string, end: number): number {
  let last = end;
  while (last > 0 && /\s/.test(text[last - 1]!)) last--;
  const newline = text.indexOf('\n', last);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * A value as YAML: in the original scalar's quoting style when there is one; else plain when it reads back as the
 * same value (a version "1.3" would read back as a number, so it is quoted).
 */
function scalarText(value: string | number, original?: Scalar): string {
  const text = String(value);
  if (typeof value === 'string') {
    if (original?.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
    if (original?.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  }
  let readBack: unknown;
  try {
    readBack = yamlPackage().parse(text);
  } catch {
    readBack = undefined;
  }
  return readBack === value && !text.includes('#') && text.trim() === text ? text : JSON.stringify(text);
}
