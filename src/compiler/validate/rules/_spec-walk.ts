// Small readers shared by the rules: defensive about absent optional fields, so no rule crashes on a
// minimal spec. Private to the rules folder.
import type { DataPath } from '../../parse/index.js';

/** A map field of the spec as [key, value] pairs; an absent or non-object field is empty. */
export function entriesOf<T>(record: Record<string, T> | undefined | null): [string, T][] {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return [];
  return Object.entries(record);
}

/** A list field of the spec; absent means empty. */
export function listOf<T>(list: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(list) ? list : [];
}

export interface Occurrence {
  /** What must be unique (already normalised, e.g. lower-cased, where the comparison needs it). */
  key: string;
  path: DataPath;
}

/** Calls back for every occurrence after the first of the same key, with the first one. */
export function forEachDuplicate<T extends Occurrence>(
  occurrences: Iterable<T>,
  onDuplicate: (duplicate: T, first: T) => void,
): void {
  const seen = new Map<string, T>();
  for (const occurrence of occurrences) {
    const first = seen.get(occurrence.key);
    if (first) onDuplicate(occurrence, first);
    else seen.set(occurrence.key, occurrence);
  }
}

/** `operator/orderer0` -> its two parts; anything else (no slash, two slashes, empty parts) -> undefined. */
export function splitNodeRef(ref: unknown): { org: string; node: string } | undefined {
  if (typeof ref !== 'string') return undefined;
  const parts = ref.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { org: parts[0]!, node: parts[1]! };
}

/** The given list fields of an object in the order the YAML wrote them, so "the second" is the later one. */
export function fieldsInWrittenOrder<K extends string>(object: object | undefined | null, fields: readonly K[]): K[] {
  if (object === null || typeof object !== 'object') return [];
  return Object.keys(object).filter((key): key is K => (fields as readonly string[]).includes(key));
}
