// SOURCE_DATE_EPOCH (the reproducible-builds convention): the time stamped into generated artifacts such as
// genesis blocks, so the same commit yields the same bytes on every machine. Each command picks its own default.
import { UserError } from './output.js';

export function sourceDateEpoch(fallback: () => Date): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return fallback();
  if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not '${epoch}'`);
  return new Date(Number(epoch) * 1000);
}
