// The plan as JSON (plan.json, `--format json`): the Plan value itself, 2-space indented, keys in the order the
// Plan type declares them, so the same plan always prints the same bytes. The format is documented in
// docs/plan-json.md and versioned by `formatVersion`.
import type { Plan } from '../plan/plan.js';

export function renderJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
