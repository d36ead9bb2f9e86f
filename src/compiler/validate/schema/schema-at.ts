// Finding the part of the schema that governs a place in the data, by walking both together.
// Why not the error's schemaPath: refs compiled into separate functions report paths relative to their own
// definition (`#/properties/name/pattern`), which does not say which definition; the data path always does.
import type { DataPath } from '../../parse/index.js';
import type { SchemaNode } from './precompiled-validator.js';

/**
 * The schema (refs followed, anyOf branch chosen by the value's type) that applies at `path` in `data`.
 * With `keepAlternatives`, the node at the end of the path keeps its anyOf/oneOf (to describe all branches at once).
 */
export function schemaAt(
  root: SchemaNode,
  data: unknown,
  path: DataPath,
  options: { keepAlternatives?: boolean } = {},
): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolve(root, root, data, options.keepAlternatives === true && path.length === 0);
  let value = data;
  for (const [index, segment] of path.entries()) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.items;
      value = Array.isArray(value) ? value[segment] : undefined;
    } else {
      const declared =
        node.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : undefined;
      const additional = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      node = declared ?? additional;
      value = isRecord(value) ? value[segment] : undefined;
    }
    node = node && resolve(root, node, value, options.keepAlternatives === true && index === path.length - 1);
  }
  return node;
}

/** Follows `$ref` (local `#/$defs/...` only, which is all the schema uses) and picks the anyOf/oneOf branch for `value`. */
export function resolve(root: SchemaNode, node: SchemaNode, value: unknown, keepAlternatives = false): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
    const target = pointerInto(root, current.$ref);
    if (!target) break;
    // Sibling keywords of a $ref (a description, a `type`) describe the same value: keep the target's.
    current = target;
  }
  const branches = current.anyOf ?? current.oneOf;
  if (branches && !keepAlternatives) {
    const chosen = branches.find((branch) => typeMatches(branch.type, value)) ?? branches[0];
    if (chosen) return resolve(root, chosen, value);
  }
  return current;
}

function pointerInto(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  return isRecord(node) ? (node as SchemaNode) : undefined;
}

/** Whether a value has one of the JSON types a schema names (`integer` counts whole numbers only). */
export function typeMatches(type: string | string[] | undefined, value: unknown): boolean {
  if (type === undefined) return false;
  const types = Array.isArray(type) ? type : [type];
  return types.some((name) => jsonTypeOf(value) === name || (name === 'number' && jsonTypeOf(value) === 'integer'));
}

/** The JSON Schema type name of a value, as a user would see it in YAML. */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
