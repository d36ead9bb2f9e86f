// Application users as a plan, like every other change: each user the spec declares against what `apply --users`
// last recorded for its organization (state/users/<org>.json). The record is what apply converged, not a reading
// of the CA: an identity changed at the CA by hand since then is found by apply (as drift), not here. Without a
// record the plan says so and lists each user as one apply will converge, because it cannot know what the CA
// holds. Pure: the record and the plan's timestamp come in.
import type { NetworkModel, OrganizationModel, UserModel } from '../model/network-model.js';
import type { UserChange, UsersPlan } from './plan.js';
import { type RecordedUser, USERS_STATE_FOLDER } from './state/users-state.js';

/** True when the spec's `allow` lets apply --users change this user's type or affiliation at the CA. */
export function caDriftAllowed(model: NetworkModel, organization: string, user: string): boolean {
  return model.allow.some(
    (entry) =>
      entry.code === 'NS_CA_IDENTITY_DRIFT' &&
      (entry.target === undefined || entry.target === organization || entry.target === `${organization}/${user}`),
  );
}

export function planUsers(
  model: NetworkModel,
  recorded: ReadonlyMap<string, { users: readonly RecordedUser[] }>,
  now: Date,
): UsersPlan[] {
  return model.organizations.flatMap((org) => {
    const record = recorded.get(org.name);
    if (org.users.length === 0 && !record) return [];
    if (!record) return [{ organization: org.name, users: org.users.map((user) => unrecorded(org, user)) }];
    const byName = new Map(record.users.map((user) => [user.name, user]));
    const declared = new Set(org.users.map((user) => user.name));
    const users: UserChange[] = [
      ...org.users.map((user) => compare(model, org, user, byName.get(user.name), now)),
      ...record.users
        .filter((user) => !declared.has(user.name))
        .map((user) => ({
          user: user.name,
          action: 'remove' as const,
          changes: [],
          effect:
            'no longer in the spec: apply --users drops it from the record but does not revoke it; it stays registered at the CA, its certificate valid until revoked (fabric-ca-client revoke)',
        })),
    ];
    // Relative to the state folder: a bundle's plan must not depend on where the state was read from.
    return [{ organization: org.name, record: `${USERS_STATE_FOLDER}/${org.name}.json`, users }];
  });
}

function unrecorded(org: OrganizationModel, user: UserModel): UserChange {
  return {
    user: user.name,
    action: 'converge',
    changes: [],
    effect: `nothing recorded for ${org.name}: apply --users reads it from the CA, registers it if missing (${user.type}), sets what differs and enrolls it where --enroll-out holds no current enrollment`,
  };
}

function compare(
  model: NetworkModel,
  org: OrganizationModel,
  user: UserModel,
  recorded: RecordedUser | undefined,
  now: Date,
): UserChange {
  if (!recorded)
    return {
      user: user.name,
      action: 'create',
      changes: [],
      effect: `apply --users registers it (${user.type}${attributeList(user.attributes)}), or takes over one already registered, and enrolls it`,
    };
  if (recorded.pending !== undefined)
    return {
      user: user.name,
      action: 'converge',
      changes: [`last apply --users: ${recorded.pending}`],
      effect:
        'apply --users reads it from the CA again and converges it (drift changes only where `allow` names NS_CA_IDENTITY_DRIFT)',
    };
  const identity: string[] = [];
  if (recorded.type !== user.type) identity.push(`type ${recorded.type} -> ${user.type}`);
  if (user.affiliation !== undefined && recorded.affiliation !== user.affiliation)
    identity.push(`affiliation ${shown(recorded.affiliation)} -> ${shown(user.affiliation)}`);
  const attributes = attributeChanges(recorded.attributes, user.attributes);
  const changes = [...identity, ...attributes];
  if (changes.length > 0) {
    const effect =
      identity.length === 0
        ? 'apply --users sets the attributes at the CA, then re-enrolls it so its certificate carries them'
        : caDriftAllowed(model, org.name, user.name)
          ? `apply --users changes ${identity.length === 1 ? 'it' : 'them'} at the CA (allowed: NS_CA_IDENTITY_DRIFT), then re-enrolls it`
          : `where the CA holds it otherwise, apply --users reports drift and changes nothing, unless \`allow\` names NS_CA_IDENTITY_DRIFT with target ${org.name}/${user.name}; then it re-enrolls it`;
    return { user: user.name, action: 'modify', changes, effect };
  }
  if (recorded.enrolledUntil !== undefined && Date.parse(recorded.enrolledUntil) <= now.getTime())
    return {
      user: user.name,
      action: 're-enroll',
      changes: [`enrollment expired ${recorded.enrolledUntil}`],
      effect: 'apply --users sets a fresh secret and enrolls it again',
    };
  return { user: user.name, action: 'noop', changes: [], effect: 'up to date as recorded' };
}

/** Attributes added, changed and removed, by name (what the enrollment certificate must carry). */
function attributeChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    const was = before[name];
    const now = after[name];
    if (was === now) return [];
    if (was === undefined) return [`attribute ${name} = ${JSON.stringify(now)}`];
    if (now === undefined) return [`attribute ${name} removed (was ${JSON.stringify(was)})`];
    return [`attribute ${name}: ${JSON.stringify(was)} -> ${JSON.stringify(now)}`];
  });
}

function attributeList(attributes: Record<string, string>): string {
  const names = Object.keys(attributes).sort();
  return names.length === 0 ? '' : `, attributes ${names.join(', ')}`;
}

/** The root affiliation ('' at the CA) as the spec writes it. */
function shown(affiliation: string | undefined): string {
  if (affiliation === undefined) return '(none recorded)';
  return affiliation === '' ? "'.'" : `'${affiliation}'`;
}
