// The plan: the ledger plan (ledger-plan.ts: channels, chaincodes, Quorum networks, guards) with the Kubernetes
// objects each organization runs. Returns the plan as data and the bundle's artifacts in memory: writing them is a
// separate step.
import { locate } from '../parse/index.js';
import { finishPlan, type PlanInput, type PlanResult, planLedgers } from './ledger-plan.js';
import { planKubernetes } from './plan-kubernetes.js';

export function makePlan(input: PlanInput): PlanResult {
  const { model, parsed } = input.loaded;
  const planned = planLedgers(input);
  if ('done' in planned) return planned.done;
  const kubernetes = planKubernetes(model, input.stateDir, (path) => locate(parsed, path));
  return finishPlan(input, planned, kubernetes, { withCertificates: true });
}
