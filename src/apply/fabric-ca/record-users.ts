// After `apply --users`, what it converged goes into the state folder (users/<org>.json), where the next plan
// compares the spec's users with it, as `apply --k8s` keeps the manifests it applied. A user enrolled or found up
// to date is recorded as the spec has it (the CA now holds that); a user that drifted or failed keeps what was
// recorded before (else the spec's values) with what stopped it as `pending`, so the next plan shows it still to
// converge; a user the spec dropped leaves the record. Never a secret or a key: names, type, affiliation, attributes and the enrollment's expiry.
import { existsSync } from 'node:fs';
import { atomicWriteFile } from '../../atomic-write.js';
import type { UserModel } from '../../compiler/model/network-model.js';
import {
  type RecordedUser,
  readUsersState,
  usersStateFile,
  usersStateText,
} from '../../compiler/plan/state/users-state.js';
import type { UserEventKind } from './enroll-users.js';

export interface UsersOutcome {
  stateDir: string;
  organization: string;
  /** The spec's users of the organization. */
  users: readonly UserModel[];
  /** Each user's last event of the run, with its message. */
  outcomes: ReadonlyMap<string, { event: UserEventKind; message: string }>;
  /** notAfter (ISO) of the enrollment now in the output folder, when there is one. */
  enrolledUntil: (user: string) => string | undefined;
}

/** Writes the record (through a temporary sibling and a rename) and returns its path. */
export function recordConvergedUsers(outcome: UsersOutcome): string {
  const file = usersStateFile(outcome.stateDir, outcome.organization);
  // An unreadable earlier record is replaced: what this run converged is known, the rest is left unrecorded.
  const before = existsSync(file) ? (readUsersState(file).value ?? []) : [];
  const previous = new Map(before.map((user) => [user.name, user]));
  const recorded: RecordedUser[] = [];
  for (const user of outcome.users) {
    const result = outcome.outcomes.get(user.name);
    const event = result?.event;
    if (event === 'enrolled' || event === 'unchanged') {
      const until = outcome.enrolledUntil(user.name);
      recorded.push({
        name: user.name,
        type: user.type,
        ...(user.affiliation === undefined ? {} : { affiliation: user.affiliation }),
        attributes: { ...user.attributes },
        ...(until === undefined ? {} : { enrolledUntil: until }),
      });
    } else if (event === 'drift' || event === 'failed') {
      const { pending: _earlier, ...kept } = previous.get(user.name) ?? {
        name: user.name,
        type: user.type,
        ...(user.affiliation === undefined ? {} : { affiliation: user.affiliation }),
        attributes: { ...user.attributes },
      };
      const prefix = `${user.name}: `;
      const pending = result!.message.startsWith(prefix) ? result!.message.slice(prefix.length) : result!.message;
      recorded.push({ ...kept, pending: `${event}: ${pending}` });
    } else {
      const kept = previous.get(user.name);
      if (kept) recorded.push(kept);
    }
  }
  atomicWriteFile(file, usersStateText(recorded));
  return file;
}
