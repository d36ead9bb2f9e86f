// Turning ajv's raw error list into one complaint per mistake, before any error becomes a diagnostic.
// With allErrors, ajv reports every branch of an anyOf (a size is "not a string" AND "not an integer") and
// reports a bad map key twice (the key's own pattern, then "property name must be valid").

import { closestMatch } from '../../diagnostics/index.js';
import { toDataPath, valueAt } from './instance-path.js';
import type { SchemaError } from './precompiled-validator.js';

/** Keywords that only check strings: on a non-string value they can only come from `propertyNames`. */
const STRING_KEYWORDS = new Set(['pattern', 'minLength', 'maxLength', 'format']);

/**
 * A `propertyNames` error after pruning: `params.propertyName` is the bad key, `params.inner` the key's own
 * errors (which rule of the name it broke).
 */
export interface PropertyNameParams {
  propertyName: string;
  inner: SchemaError[];
}

/** A synthetic `type` error for a value that fits no branch of an anyOf: `params.type` lists every branch's type. */
export interface AlternativesParams {
  type: string[];
  alternatives: true;
}

export function pruneErrors(errors: readonly SchemaError[], data: unknown): SchemaError[] {
  return dropShadowedErrors(resolveAlternatives(attachPropertyNameErrors(errors, data)));
}

/**
 * Two complaints that are one mistake:
 *  - a value of the wrong type is also outside an enum (`fabricVersion: 2.5`): the type error says it;
 *  - a misspelt key (`membrs`) also leaves the real one (`members`) missing: the unknown-key error says it.
 */
function dropShadowedErrors(errors: SchemaError[]): SchemaError[] {
  const typeErrorAt = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const unknownKeysAt = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const keys = unknownKeysAt.get(error.instancePath) ?? [];
    unknownKeysAt.set(error.instancePath, [...keys, String(error.params.additionalProperty)]);
  }
  return errors.filter((error) => {
    if ((error.keyword === 'enum' || error.keyword === 'const') && typeErrorAt.has(error.instancePath)) return false;
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      const misspelt = (unknownKeysAt.get(error.instancePath) ?? []).some((key) => closestMatch(key, [missing]));
      if (misspelt) return false;
    }
    return true;
  });
}

/** Folds each key's own errors into the `propertyNames` error that follows them (ajv emits inner errors first). */
function attachPropertyNameErrors(errors: readonly SchemaError[], data: unknown): SchemaError[] {
  const result: SchemaError[] = [];
  let pending: SchemaError[] = [];
  for (const error of errors) {
    if (STRING_KEYWORDS.has(error.keyword) && typeof valueAt(data, toDataPath(error.instancePath, data)) !== 'string') {
      pending.push(error);
    } else if (error.keyword === 'propertyNames') {
      const inner = pending.filter((candidate) => candidate.instancePath === error.instancePath);
      pending = pending.filter((candidate) => candidate.instancePath !== error.instancePath);
      const params: PropertyNameParams = { propertyName: String(error.params.propertyName), inner };
      result.push({ ...error, params });
    } else {
      result.push(error);
    }
  }
  // Should not happen (every key error is followed by its propertyNames error), but never drop a complaint.
  return [...result, ...pending];
}

/**
 * For each anyOf/oneOf error, keeps only the branch the value was evidently meant for: the one whose `type` it
 * has. When it has none of the branch types, one `type` error names them all. Innermost alternatives go first.
 */
function resolveAlternatives(errors: SchemaError[]): SchemaError[] {
  let list = errors;
  const composites = list
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .sort((a, b) => b.instancePath.length - a.instancePath.length || b.schemaPath.length - a.schemaPath.length);
  for (const composite of composites) {
    const prefix = `${composite.schemaPath}/`;
    const isMember = (error: SchemaError) =>
      error !== composite &&
      error.schemaPath.startsWith(prefix) &&
      (error.instancePath === composite.instancePath || error.instancePath.startsWith(`${composite.instancePath}/`));
    const members = list.filter(isMember);
    // oneOf matching several branches reports no branch errors: leave it as it is.
    if (members.length === 0) continue;

    const branches = new Map<string, SchemaError[]>();
    for (const member of members) {
      const branch = member.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), member]);
    }
    const typeErrorOf = (branch: string, branchErrors: SchemaError[]) =>
      branchErrors.find(
        (error) =>
          error.keyword === 'type' &&
          error.instancePath === composite.instancePath &&
          error.schemaPath === `${prefix}${branch}/type`,
      );
    const fitting = [...branches].filter(([branch, branchErrors]) => !typeErrorOf(branch, branchErrors));

    let replacement: SchemaError[];
    if (fitting.length === 0) {
      const types = [...branches].flatMap(([branch, branchErrors]) => {
        const type = typeErrorOf(branch, branchErrors)?.params.type as string | string[] | undefined;
        return type === undefined ? [] : Array.isArray(type) ? type : [type];
      });
      const params: AlternativesParams = { type: [...new Set(types)], alternatives: true };
      replacement = [{ ...composite, keyword: 'type', params }];
    } else {
      // Several branches of the value's type: the one with the fewest complaints is the closest reading.
      const [, closest] = fitting.reduce((best, candidate) =>
        candidate[1].length < best[1].length ? candidate : best,
      );
      replacement = closest;
    }
    const position = list.indexOf(composite);
    const kept = list.filter((error) => error !== composite && !isMember(error));
    const before = list.slice(0, position).filter((error) => kept.includes(error)).length;
    list = [...kept.slice(0, before), ...replacement, ...kept.slice(before)];
  }
  return list;
}
