// From the live validator set to the spec's, as the votes that get there: one change at a time, because a
// BFT network applies one validator change per vote tally and each step must be judged on its own (n, f).

import { normalizeAddress } from './address.js';

export interface DesiredValidator {
  /** Any casing; compared lower-case. */
  address: string;
  name: string;
  organization: string;
}

export interface SetSize {
  n: number;
  /** Faulty validators tolerated: f = floor((n - 1) / 3). */
  f: number;
}

export interface ValidatorVoteStep {
  action: 'add' | 'remove';
  /** Lower-case 0x address the vote names. */
  address: string;
  /** The node name and owning organization, when the spec knows the address (a removed one may be unknown). */
  name: string | null;
  owner: string | null;
  before: SetSize;
  after: SetSize;
  warnings: string[];
}

/** Below this many validators a BFT network tolerates no fault (f = 0). */
export const MIN_BFT_VALIDATORS = 4;

export function faultTolerance(n: number): number {
  return n <= 0 ? 0 : Math.floor((n - 1) / 3);
}

/**
 * The steps from `live` to `desired`. Additions come first, then removals: f grows with n, so every intermediate
 * set is at least as large as the smaller of the two ends and f never dips below min(f_live, f_desired). Removing
 * first would, e.g. when replacing one of four validators, pass through n = 3 (f = 0), where one stopped node
 * halts the chain. The price: a new validator counts towards n before it is synced, so it must be running
 * before its vote. Within each group, the spec order (additions) and the live order (removals) are kept.
 * `known` names addresses that are not desired validators (e.g. nodes demoted to members) for the owner column.
 */
export function planValidatorVotes(
  live: readonly string[],
  desired: readonly DesiredValidator[],
  known: readonly DesiredValidator[] = [],
): ValidatorVoteStep[] {
  const current = new Set(live.map(normalizeAddress));
  const wanted = new Set(desired.map((validator) => normalizeAddress(validator.address)));
  const directory = new Map<string, DesiredValidator>();
  for (const validator of [...known, ...desired]) directory.set(normalizeAddress(validator.address), validator);

  const additions = [...new Set(desired.map((validator) => normalizeAddress(validator.address)))].filter(
    (address) => !current.has(address),
  );
  const removals = [...current].filter((address) => !wanted.has(address));

  const steps: ValidatorVoteStep[] = [];
  let n = current.size;
  const push = (action: 'add' | 'remove', address: string) => {
    const before = { n, f: faultTolerance(n) };
    n += action === 'add' ? 1 : -1;
    const after = { n, f: faultTolerance(n) };
    const owner = directory.get(address);
    steps.push({
      action,
      address,
      name: owner?.name ?? null,
      owner: owner?.organization ?? null,
      before,
      after,
      warnings: warningsFor(before, after),
    });
  };
  for (const address of additions) push('add', address);
  for (const address of removals) push('remove', address);
  return steps;
}

function warningsFor(before: SetSize, after: SetSize): string[] {
  const warnings: string[] = [];
  if (after.f < before.f)
    warnings.push(`fault tolerance drops from f = ${before.f} to f = ${after.f} (n = ${before.n} -> ${after.n})`);
  if (after.n < MIN_BFT_VALIDATORS)
    warnings.push(
      `${after.n} validator${after.n === 1 ? '' : 's'} tolerate no fault: one stopped validator halts the chain`,
    );
  return warnings;
}
