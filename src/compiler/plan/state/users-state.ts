// `users/<org>.json`: the application users `apply --users` last converged at the organization's CA, as it
// records them after a run (never a secret, never a key: names, type, affiliation, attributes and until when the
// enrollment it wrote is valid, or what it could not finish). What the next plan compares the spec's users with, as `k8s/<org>/` is for the
// manifests. One module owns the format: apply writes it with usersStateText, plan reads it with readUsersState.
//   {"users": [{"name": "factory-app", "type": "client", "affiliation": "", "attributes": {"plant": "detroit"},
//               "enrolledUntil": "2027-12-06T16:00:00.000Z"}]}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageResult } from '../../diagnostics/index.js';
import { stateError } from './state-error.js';

export const USERS_STATE_FOLDER = 'users';

export interface RecordedUser {
  name: string;
  type: 'client' | 'admin';
  /** As the CA stores it ('' is the root); absent: the spec left it to the registrar and it was not compared. */
  affiliation?: string;
  attributes: Record<string, string>;
  /** ISO time the enrollment certificate apply wrote stops being valid (its notAfter). */
  enrolledUntil?: string;
  /** What the last apply --users could not finish for this user (drift, a failure), in its words; never a secret. */
  pending?: string;
}

export function usersStateFile(stateDir: string, organization: string): string {
  return join(stateDir, USERS_STATE_FOLDER, `${organization}.json`);
}

/** The record's bytes: users by name, keys in a fixed order, so a run that changes nothing rewrites nothing. */
export function usersStateText(users: readonly RecordedUser[]): string {
  const ordered = [...users]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((user) => ({
      name: user.name,
      type: user.type,
      ...(user.affiliation === undefined ? {} : { affiliation: user.affiliation }),
      attributes: Object.fromEntries(
        Object.keys(user.attributes)
          .sort()
          .map((key) => [key, user.attributes[key]!]),
      ),
      ...(user.enrolledUntil === undefined ? {} : { enrolledUntil: user.enrolledUntil }),
      ...(user.pending === undefined ? {} : { pending: user.pending }),
    }));
  return `${JSON.stringify({ users: ordered }, null, 2)}\n`;
}

export function readUsersState(file: string): StageResult<RecordedUser[]> {
  let data: { users?: unknown } | null;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { value: undefined, diagnostics: [stateError(file, `not readable JSON (${(error as Error).message})`)] };
  }
  const users = data?.users;
  if (!Array.isArray(users))
    return { value: undefined, diagnostics: [stateError(file, 'users must be a list of recorded users')] };
  const recorded: RecordedUser[] = [];
  for (const [index, entry] of users.entries()) {
    const problem = entryProblem(entry);
    if (problem) return { value: undefined, diagnostics: [stateError(file, `users[${index}]: ${problem}`)] };
    const user = entry as RecordedUser;
    recorded.push({
      name: user.name,
      type: user.type,
      ...(user.affiliation === undefined ? {} : { affiliation: user.affiliation }),
      attributes: { ...user.attributes },
      ...(user.enrolledUntil === undefined ? {} : { enrolledUntil: user.enrolledUntil }),
      ...(user.pending === undefined ? {} : { pending: user.pending }),
    });
  }
  return { value: recorded, diagnostics: [] };
}

function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const user = entry as Record<string, unknown>;
  if (typeof user.name !== 'string' || user.name === '') return 'name must be a non-empty string';
  if (user.type !== 'client' && user.type !== 'admin') return "type must be 'client' or 'admin'";
  if (user.affiliation !== undefined && typeof user.affiliation !== 'string') return 'affiliation must be a string';
  const attributes = user.attributes;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    return 'attributes must be an object';
  if (Object.values(attributes).some((value) => typeof value !== 'string')) return 'attribute values must be strings';
  if (
    user.enrolledUntil !== undefined &&
    (typeof user.enrolledUntil !== 'string' || Number.isNaN(Date.parse(user.enrolledUntil)))
  )
    return 'enrolledUntil must be an ISO date';
  if (user.pending !== undefined && typeof user.pending !== 'string') return 'pending must be a string';
  return undefined;
}
