// `--cert-warning-days <days>` of plan and status: how far ahead a certificate's expiry is warned about. Without
// it, the spec's certificates.expiryWarningDays decides, else 30 days (compiler/certificates).
import { Option } from 'commander';
import { UserError } from '../output.js';

export function certWarningDaysOption(): Option {
  return new Option(
    '--cert-warning-days <days>',
    "warn about certificates that expire within this many days (default: the spec's certificates.expiryWarningDays, else 30)",
  );
}

/** The flag as a whole number of days, or undefined when it is not given. */
export function certWarningDaysOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(days))
    throw new UserError(`--cert-warning-days must be a whole number of days, not '${text}'`);
  return days;
}
