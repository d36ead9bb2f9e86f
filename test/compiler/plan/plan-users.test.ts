// Users planned like any other change: the spec's users of each organization against what apply --users recorded
// (state/users/<org>.json): create, modify (attributes, type, affiliation: drift unless allowed), re-enroll (an
// expired enrollment at the plan's time), remove (dropped from the record, never revoked), converge (nothing
// recorded, or the last apply could not finish); a record matching the spec is nothing to do. The example's
// recorded users are the bytes apply would write for its spec.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/network-model.js';
import { planUsers } from '../../../src/compiler/plan/plan-users.js';
import {
  type RecordedUser,
  readUsersState,
  usersStateFile,
  usersStateText,
} from '../../../src/compiler/plan/state/users-state.js';
import { copySupplyChain, EXAMPLE } from '../../apply/fabric-ca/_supply-chain-copy.js';

const USERS = `    users:
      - name: factory-app
        type: client
        attributes:
          department: production
          plant: toledo
      - name: ops-admin
        type: admin
        affiliation: manufacturer.ops
`;
const modelOf = (edit: (yaml: string) => string = (yaml) => yaml): NetworkModel => {
  const loaded = loadSpec(copySupplyChain(edit));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.value!.model;
};
const withUsers = (users: string) => (yaml: string) =>
  yaml.replace(/ {4}users:\n {6}- name: factory-app\n( {8}.*\n)+/, users);
const record = (users: RecordedUser[]) => ({ users });
const FACTORY: RecordedUser = {
  name: 'factory-app',
  type: 'client',
  attributes: { department: 'production', plant: 'detroit' },
  enrolledUntil: '2027-03-02T09:00:00.000Z',
};
const NOW = new Date('2026-12-06T00:00:00Z');
const manufacturerOf = (plans: ReturnType<typeof planUsers>) => plans.find((p) => p.organization === 'manufacturer')!;

describe('planUsers', () => {
  it('has nothing to do where the record matches the spec (the example state)', () => {
    const model = modelOf();
    const recorded = new Map(
      ['manufacturer', 'distributor'].map((org) => {
        const file = usersStateFile(join(EXAMPLE, 'state'), org);
        return [org, { file, users: readUsersState(file).value! }];
      }),
    );
    const plans = planUsers(model, recorded, NOW);
    expect(plans.map((p) => [p.organization, p.users.map((u) => [u.user, u.action])])).toEqual([
      ['manufacturer', [['factory-app', 'noop']]],
      ['distributor', [['tracking-app', 'noop']]],
    ]);
    // The committed records are exactly what apply --users writes for these users.
    for (const org of ['manufacturer', 'distributor']) {
      const users = model.organizations.find((o) => o.name === org)!.users;
      expect(readFileSync(usersStateFile(join(EXAMPLE, 'state'), org), 'utf8')).toBe(usersStateText(users));
    }
  });

  it('creates a user the record lacks and modifies one whose attributes changed (re-enrolled to carry them)', () => {
    const plan = manufacturerOf(
      planUsers(modelOf(withUsers(USERS)), new Map([['manufacturer', record([FACTORY])]]), NOW),
    );
    expect(plan.record).toBe('users/manufacturer.json');
    expect(plan.users).toEqual([
      {
        user: 'factory-app',
        action: 'modify',
        changes: ['attribute plant: "detroit" -> "toledo"'],
        effect: 'apply --users sets the attributes at the CA, then re-enrolls it so its certificate carries them',
      },
      {
        user: 'ops-admin',
        action: 'create',
        changes: [],
        effect: 'apply --users registers it (admin), or takes over one already registered, and enrolls it',
      },
    ]);
  });

  it('says a changed type or affiliation is drift apply refuses unless allowed, and names the allow entry', () => {
    const recorded = new Map([
      ['manufacturer', record([FACTORY, { name: 'ops-admin', type: 'client', affiliation: '', attributes: {} }])],
    ]);
    const refused = manufacturerOf(planUsers(modelOf(withUsers(USERS)), recorded, NOW)).users[1]!;
    expect(refused).toMatchObject({
      user: 'ops-admin',
      action: 'modify',
      changes: ['type client -> admin', "affiliation '.' -> 'manufacturer.ops'"],
    });
    expect(refused.effect).toBe(
      'where the CA holds it otherwise, apply --users reports drift and changes nothing, unless `allow` names NS_CA_IDENTITY_DRIFT with target manufacturer/ops-admin; then it re-enrolls it',
    );
    const allowed = modelOf((yaml) =>
      withUsers(USERS)(yaml).replace(
        'allow: []',
        'allow:\n  - { code: NS_CA_IDENTITY_DRIFT, target: manufacturer/ops-admin, reason: promoted }',
      ),
    );
    expect(manufacturerOf(planUsers(allowed, recorded, NOW)).users[1]!.effect).toBe(
      'apply --users changes them at the CA (allowed: NS_CA_IDENTITY_DRIFT), then re-enrolls it',
    );
  });

  it('re-enrolls an enrollment expired at the plan’s time, and drops a user the spec no longer has', () => {
    const expired = { ...FACTORY, attributes: { department: 'production', plant: 'toledo' } };
    const gone: RecordedUser = { name: 'old-app', type: 'client', attributes: {} };
    const plans = planUsers(
      modelOf(withUsers(USERS)),
      new Map([['manufacturer', record([expired, gone])]]),
      new Date('2027-03-02T09:00:00Z'),
    );
    const users = manufacturerOf(plans).users;
    expect(users.map((u) => [u.user, u.action, u.changes])).toEqual([
      ['factory-app', 're-enroll', ['enrollment expired 2027-03-02T09:00:00.000Z']],
      ['ops-admin', 'create', []],
      ['old-app', 'remove', []],
    ]);
    expect(users[2]!.effect).toMatch(/does not revoke it; it stays registered at the CA/);
    // A second earlier, the same enrollment is current.
    const before = planUsers(
      modelOf(withUsers(USERS)),
      new Map([['manufacturer', record([expired])]]),
      new Date('2027-03-02T08:59:59Z'),
    );
    expect(manufacturerOf(before).users[0]!.action).toBe('noop');
  });

  it('without a record says nothing is recorded and lists each user to converge; a pending user converges too', () => {
    const plans = planUsers(modelOf(), new Map(), NOW);
    expect(plans.map((p) => [p.organization, p.record, p.users.map((u) => [u.user, u.action])])).toEqual([
      ['manufacturer', undefined, [['factory-app', 'converge']]],
      ['distributor', undefined, [['tracking-app', 'converge']]],
    ]);
    expect(plans[0]!.users[0]!.effect).toMatch(
      /^nothing recorded for manufacturer: apply --users reads it from the CA/,
    );

    const pending = { ...FACTORY, pending: "drift: the CA holds it with type 'admin' (the spec says 'client')" };
    const stuck = manufacturerOf(planUsers(modelOf(), new Map([['manufacturer', record([pending])]]), NOW));
    expect(stuck.users[0]).toMatchObject({
      action: 'converge',
      changes: ["last apply --users: drift: the CA holds it with type 'admin' (the spec says 'client')"],
    });
  });
});
