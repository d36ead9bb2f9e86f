// ajv's instancePath (a JSON pointer, `/channels/trade/members/2`) -> a data path (['channels', 'trade', 'members', 2]).
import type { DataPath } from '../../parse/index.js';

/**
 * Unescapes `~1` and `~0` (in that order, per RFC 6901) and turns a segment into a number only where the data at
 * that point is an array, so an organization literally named `123` stays a key.
 */
export function toDataPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(key)) {
      const index = Number(key);
      path.push(index);
      value = value[index];
    } else {
      path.push(key);
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

/** The value at a data path, or undefined when the path runs past the data. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
