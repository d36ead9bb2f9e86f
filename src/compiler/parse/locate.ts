// Mapping a path in the plain data (['channels', 'trade', 'members', 2]) back to its place in the YAML text.
// When the path runs past what exists (a missing key), the nearest existing ancestor is returned.
import type { Node } from 'yaml';
import { yamlPackage } from '../../yaml-package.js';
import type { SourceRange } from '../diagnostics/index.js';
import type { ParsedSpec } from './parse-yaml.js';

export type DataPath = readonly (string | number)[];

/** Where to point: at the value itself, or at the key that introduces it (for unknown or misplaced keys). */
export type LocateTarget = 'value' | 'key';

export function locate(spec: ParsedSpec, path: DataPath, target: LocateTarget = 'value'): SourceRange {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: Node | null | undefined = spec.document.contents as Node | null;
  let keyNode: Node | null | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
    // A key with no value (`members:`) has no value node: point at its key.
    if (!node) {
      node = keyNode;
      break;
    }
  }
  const chosen = target === 'key' && keyNode ? keyNode : node;
  const range = chosen?.range;
  if (!range) return { file: spec.file, start: 0, end: 0 };
  return { file: spec.file, start: range[0], end: range[1] };
}
